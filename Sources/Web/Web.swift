/// The analysts' web page and HTTP API over a notice store (`noticed web`).
///
/// Promises: the store is opened read-only; every stored string is escaped wherever it is
/// shown (HTML text, attributes, SVG, the Atom feed); every page carries a strict
/// Content-Security-Policy; a bad parameter or an unknown id is a 400 or 404 with one clear
/// line, never a 500; everything is served from the binary (no CDN, no external font).
public enum Web {}

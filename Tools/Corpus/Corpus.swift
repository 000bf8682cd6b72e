// Tool module Corpus: the damaged-copy generator (four encodings, pinyin, Traditional,
// noise lines) and libopencc as a reference converter, shared by tests and the benchmark
// (not a product). Generated input is for stress and properties; accuracy is measured on
// real documents.

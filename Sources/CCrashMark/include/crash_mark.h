#ifndef NOTICED_CRASH_MARK_H
#define NOTICED_CRASH_MARK_H

/// Installs handlers for the signals a crash or a hang ends the daemon with (SIGSEGV, SIGBUS,
/// SIGILL, SIGTRAP, SIGFPE, SIGABRT: a Swift trap, a fault, systemd's watchdog). Each
/// handler writes one byte, 1, at offset 0 of `fd` (async-signal-safe: one pwrite), then
/// hands the signal to the handler it had before (or the default action), so the process
/// ends as it would have.
void noticed_install_crash_mark(int fd);

#endif

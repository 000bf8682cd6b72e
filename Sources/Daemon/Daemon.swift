// Module Daemon: the daemon's logic, as a library the tests import.
//
// Promises: what `Service` and its parts promise (never lose a dropped file, never store
// one twice, keep running whatever arrives). Holds the one Glibc layer (System/: every
// syscall behind `Syscall`, EINTR retried, typed `SystemError`s; inotify, leases,
// sd_notify), the config (one loader, one validator), the spool layout and tree, the
// watcher, the scheduler (control queue), the committer (writer queue), the lifecycle,
// journald and stderr logging, and the state file.
// May touch: Pipeline and Store, libsystemd, the file system under the spool and beside
// the database, swift-log, TOMLKit (config text). Never ArgumentParser: commands live in
// the `noticed` executable.

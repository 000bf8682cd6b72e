// Written in C, not Swift: a signal handler may only make async-signal-safe calls, and a
// Swift closure gives no such guarantee (runtime calls, lazy globals).
#include "crash_mark.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile int mark_fd = -1;
static const int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};
#define NSIGNALS (sizeof signals / sizeof signals[0])
static struct sigaction previous[NSIGNALS];

static void mark(int sig) {
    if (mark_fd >= 0) {
        const char one = 1;
        (void)pwrite(mark_fd, &one, 1, 0);
    }
    // Hand the signal to whoever had it before (the Swift runtime's backtracer, or the
    // default action), so the process ends as it would have.
    for (unsigned i = 0; i < NSIGNALS; i++) {
        if (signals[i] == sig) sigaction(sig, &previous[i], NULL);
    }
    raise(sig);
    // A handler that returned (the Swift runtime's backtracer does, after printing) leaves an
    // asynchronous signal such as SIGABRT from systemd's watchdog unanswered: end it here.
    signal(sig, SIG_DFL);
    raise(sig);
}

void noticed_install_crash_mark(int fd) {
    mark_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = mark;
    action.sa_flags = SA_NODEFER;
    sigemptyset(&action.sa_mask);
    for (unsigned i = 0; i < NSIGNALS; i++) sigaction(signals[i], &action, &previous[i]);
}

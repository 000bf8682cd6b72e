// libsystemd (libsystemd-dev): journald (sd_journal_sendv) and service notification (sd_notify).
// The location macro would turn sd_journal_sendv into sd_journal_sendv_with_location; Swift
// passes CODE_FILE/CODE_LINE/CODE_FUNC fields itself.
#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-journal.h>
#include <systemd/sd-daemon.h>

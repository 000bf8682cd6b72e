// glibc's malloc tuning (libc6-dev): the daemon caps its malloc arenas (see ServeCommand).
#include <malloc.h>

// zlib (zlib1g-dev): compression of the original bytes kept in the store.
#include <zlib.h>

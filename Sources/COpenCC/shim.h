// OpenCC (libopencc-dev): the reference Traditional/Simplified converter.
#include <opencc/opencc.h>

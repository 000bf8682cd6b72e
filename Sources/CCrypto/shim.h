// OpenSSL's libcrypto (libssl-dev): SHA-256 of the dropped bytes.
#include <openssl/sha.h>

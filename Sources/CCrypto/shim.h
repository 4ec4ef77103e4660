#ifndef TAXA_CCRYPTO_SHIM_H
#define TAXA_CCRYPTO_SHIM_H

/* The system's libcrypto (OpenSSL 3), for SHA-256 only, through its supported EVP interface
   (the low-level SHA256_Init family is deprecated in OpenSSL 3). Nothing else lives here. */
#include <openssl/crypto.h>
#include <openssl/evp.h>

#endif

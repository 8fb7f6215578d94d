// Password hashing (argon2id), session tokens and SHA-256, all through libsodium.
#pragma once
#include <string>

namespace accord::auth {

// Must run once before any other function here (libsodium's sodium_init).
void init_crypto();

std::string hash_password(const std::string& password);  // argon2id, PHC string format
bool verify_password(const std::string& hash, const std::string& password);

std::string random_token();                           // 32 random bytes, hex
std::string sha256_hex(const std::string& data);

}  // namespace accord::auth

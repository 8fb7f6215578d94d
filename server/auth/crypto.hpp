// Password hashing (argon2id), session tokens and SHA-256, all through libsodium.
#pragma once
#include <cstddef>
#include <string>

namespace accord::auth {

// Must run once before any other function here (libsodium's sodium_init).
void init_crypto();

std::string hash_password(const std::string& password);  // argon2id, PHC string format
bool verify_password(const std::string& hash, const std::string& password);

std::string random_token();                           // 32 random bytes, hex
std::string sha256_hex(const std::string& data);

}  // namespace accord::auth

namespace accord::auth {

// The secret that keys the event chain's MACs. It lives in a file outside the database, so
// someone holding only the database cannot recompute a MAC after an edit.
struct ChainKey {
    unsigned char bytes[32];
};
// Reads the key file, or creates it (mode 0600) when `create` and it does not exist. Throws if
// unreadable, of the wrong size, or missing without `create`.
ChainKey load_chain_key(const std::string& path, bool create);
std::string hmac_sha256_hex(const ChainKey& key, const std::string& data);

// SHA-256 over a stream of chunks (evidence files as they arrive).
class Sha256Stream {
public:
    Sha256Stream();
    void update(const char* data, std::size_t size);
    std::string hex();  // finishes; call once

private:
    alignas(64) unsigned char state_[512];
};

}  // namespace accord::auth

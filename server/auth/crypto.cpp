#include "auth/crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace accord::auth {

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

static std::string to_hex(const unsigned char* data, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), data, size);
    hex.pop_back();
    return hex;
}

std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

std::string sha256_hex(const std::string& data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return to_hex(digest, sizeof digest);
}

}  // namespace accord::auth

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace accord::auth {

ChainKey load_chain_key(const std::string& path, bool create) {
    ChainKey key{};
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create) {
        randombytes_buf(key.bytes, sizeof key.bytes);
        const int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (out < 0) throw std::runtime_error("cannot create chain key " + path + ": " + std::strerror(errno));
        const bool ok = ::write(out, key.bytes, sizeof key.bytes) == static_cast<ssize_t>(sizeof key.bytes) &&
                        ::fsync(out) == 0;
        ::close(out);
        if (!ok) throw std::runtime_error("cannot write chain key " + path);
        return key;
    }
    if (fd < 0) throw std::runtime_error("cannot read chain key " + path + ": " + std::strerror(errno));
    const ssize_t n = ::read(fd, key.bytes, sizeof key.bytes);
    char extra = 0;
    const ssize_t more = ::read(fd, &extra, 1);
    ::close(fd);
    if (n != static_cast<ssize_t>(sizeof key.bytes) || more != 0)
        throw std::runtime_error("chain key " + path + " is not 32 bytes");
    return key;
}

std::string hmac_sha256_hex(const ChainKey& key, const std::string& data) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key.bytes, sizeof key.bytes);
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    crypto_auth_hmacsha256_final(&st, mac);
    return to_hex(mac, sizeof mac);
}

static_assert(sizeof(crypto_hash_sha256_state) <= 512, "Sha256Stream's buffer is too small");

Sha256Stream::Sha256Stream() { crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_)); }

void Sha256Stream::update(const char* data, std::size_t size) {
    crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_),
                              reinterpret_cast<const unsigned char*>(data), size);
}

std::string Sha256Stream::hex() {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), digest);
    return to_hex(digest, sizeof digest);
}

}  // namespace accord::auth

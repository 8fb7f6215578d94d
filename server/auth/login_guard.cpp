#include "auth/login_guard.hpp"

#include <algorithm>

#include "auth/crypto.hpp"

namespace accord::auth {

namespace {
// Keys kept per map before stale ones are swept (~100 bytes each).
constexpr std::size_t kMaxKeys = 50'000;
}  // namespace

Timestamp LoginThrottle::delay_after(int failures, int free_failures) const {
    if (failures < free_failures) return 0;
    Timestamp delay = limits_.first_delay_seconds;
    for (int i = free_failures; i < failures && delay < limits_.max_delay_seconds; ++i) delay *= 2;
    return std::min(delay, limits_.max_delay_seconds);
}

void LoginThrottle::count(Entry& e, int free_failures, Timestamp now) const {
    if (e.locked_until <= now && e.last + limits_.forget_after_seconds <= now) e = Entry{};  // quiet long enough
    ++e.failures;
    e.last = now;
    if (const Timestamp delay = delay_after(e.failures, free_failures)) e.locked_until = now + delay;
}

void LoginThrottle::prune(Map& map, Timestamp now) const {
    if (map.size() < kMaxKeys) return;
    std::erase_if(map, [&](const auto& kv) {
        return kv.second.locked_until <= now && kv.second.last + limits_.forget_after_seconds <= now;
    });
    // Still full (many addresses at once): forget whoever is not locked; they lose a few counts.
    if (map.size() >= kMaxKeys) std::erase_if(map, [&](const auto& kv) { return kv.second.locked_until <= now; });
}

Timestamp LoginThrottle::admit(const std::string& account, const std::string& address, Timestamp now) {
    const std::string key = sha256_hex(account);
    std::lock_guard<std::mutex> lock(mutex_);
    Timestamp wait = 0;
    if (auto it = accounts_.find(key); it != accounts_.end() && it->second.locked_until > now)
        wait = it->second.locked_until - now;
    if (auto it = addresses_.find(address); it != addresses_.end() && it->second.locked_until > now)
        wait = std::max(wait, it->second.locked_until - now);
    if (wait > 0) return wait;  // refused attempts are not counted: waiting is all it takes
    prune(accounts_, now);
    prune(addresses_, now);
    count(accounts_[key], limits_.account_free_failures, now);
    count(addresses_[address], limits_.address_free_failures, now);
    return 0;
}

void LoginThrottle::succeeded(const std::string& account, const std::string& address, Timestamp now) {
    const std::string key = sha256_hex(account);
    std::lock_guard<std::mutex> lock(mutex_);
    accounts_.erase(key);
    // Only this attempt is given back: signing in to one's own account must not wipe the count
    // of guesses made against others from the same address.
    if (auto it = addresses_.find(address); it != addresses_.end()) {
        Entry& e = it->second;
        e.failures = std::max(0, e.failures - 1);
        if (e.failures < limits_.address_free_failures) e.locked_until = std::min(e.locked_until, now);
        if (e.failures == 0) addresses_.erase(it);
    }
}

void LoginThrottle::abandoned(const std::string& account, const std::string& address) {
    const std::string key = sha256_hex(account);
    std::lock_guard<std::mutex> lock(mutex_);
    auto give_back = [](Map& map, const std::string& k, int free_failures) {
        auto it = map.find(k);
        if (it == map.end()) return;
        it->second.failures = std::max(0, it->second.failures - 1);
        if (it->second.failures < free_failures) it->second.locked_until = 0;
    };
    give_back(accounts_, key, limits_.account_free_failures);
    give_back(addresses_, address, limits_.address_free_failures);
}

bool HashGate::run(const std::function<void()>& work) {
    {
        std::unique_lock<std::mutex> lock(mutex_);
        if (active_ >= limits_.concurrent_hashes) {
            if (waiting_ >= limits_.queued_hashes) return false;
            ++waiting_;
            const bool got = cv_.wait_for(lock, std::chrono::milliseconds(limits_.max_queue_wait_ms),
                                          [this] { return active_ < limits_.concurrent_hashes; });
            --waiting_;
            if (!got) return false;
        }
        ++active_;
    }
    struct Release {
        HashGate& gate;
        ~Release() {
            {
                std::lock_guard<std::mutex> lock(gate.mutex_);
                --gate.active_;
            }
            gate.cv_.notify_one();
        }
    } release{*this};
    work();
    return true;
}

const std::string& dummy_password_hash() {
    static const std::string hash = hash_password(random_token());
    return hash;
}

}  // namespace accord::auth

// Protection for POST /api/v1/session: failed sign-ins limited per account and per client
// address (checked before any password is hashed), and password hashing on a small bounded
// number of threads so a flood of sign-ins cannot take the CPU from every other request.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "accord/time.hpp"

namespace accord::auth {

struct LoginLimits {
    // Failures allowed before the first delay. An address gets more than an account: several
    // people may sign in from behind one NAT or office proxy.
    int account_free_failures = 5;
    int address_free_failures = 20;
    // Each failure past the free ones doubles the wait, up to the cap: a person who mistyped
    // waits half a minute; a guesser gets ~4 tries an hour per account once at the cap.
    Timestamp first_delay_seconds = 30;
    Timestamp max_delay_seconds = 15 * 60;
    // A key quiet this long starts again from zero (the counters do not grow forever).
    Timestamp forget_after_seconds = 60 * 60;
    // argon2id takes ~0.1-0.3 s of one core and 64 MiB: at most this many at once, this many
    // more waiting (each on its request thread) for at most this long; beyond that 503.
    int concurrent_hashes = 2;
    int queued_hashes = 16;
    int max_queue_wait_ms = 5000;
};

// Failed-attempt counters per account and per address. In memory on purpose: they only matter
// for minutes; keeping them out of SQLite means a flood of wrong passwords is not also a flood of
// writes on the one writer connection; and a restart (which an attacker cannot cause) merely
// gives back a few attempts. Bounded: stale keys are dropped, and under a distributed flood
// unlocked keys go first.
class LoginThrottle {
public:
    explicit LoginThrottle(const LoginLimits& limits) : limits_(limits) {}

    // Before hashing: 0 when this attempt may go ahead (it is counted as a failure at once, so
    // concurrent attempts cannot all slip past the limit), else the seconds to wait.
    Timestamp admit(const std::string& account, const std::string& address, Timestamp now);
    // The attempt was right: the account starts again from zero, the address gets it back.
    void succeeded(const std::string& account, const std::string& address, Timestamp now);
    // The attempt was never judged (the server was too busy to hash): it does not count.
    void abandoned(const std::string& account, const std::string& address);

private:
    struct Entry {
        int failures = 0;
        Timestamp last = 0;          // last attempt counted
        Timestamp locked_until = 0;  // no attempt before this
    };
    using Map = std::unordered_map<std::string, Entry>;
    Timestamp delay_after(int failures, int free_failures) const;
    void count(Entry& e, int free_failures, Timestamp now) const;
    void prune(Map& map, Timestamp now) const;

    LoginLimits limits_;
    std::mutex mutex_;
    Map accounts_;  // keyed by the SHA-256 of the user name as sent: fixed size whatever is sent
    Map addresses_;
};

// A counting gate around password hashing. Waiting happens on the request's own thread, so at
// most concurrent_hashes + queued_hashes of the server's threads are ever busy with sign-ins.
class HashGate {
public:
    explicit HashGate(const LoginLimits& limits) : limits_(limits) {}
    // Runs `work` when a slot is free; false (without running it) when the queue is full or the
    // wait took too long.
    bool run(const std::function<void()>& work);

private:
    LoginLimits limits_;
    std::mutex mutex_;
    std::condition_variable cv_;
    int active_ = 0;
    int waiting_ = 0;
};

// An argon2id hash of a random password with the same parameters as real ones: checking a
// password for an unknown user name against it costs what a wrong password costs, so the
// reply time does not tell which user names exist. Made once, on first use.
const std::string& dummy_password_hash();

}  // namespace accord::auth

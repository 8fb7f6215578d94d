#include "accord/dispute.hpp"

#include <cstdio>

namespace accord {

std::string case_number(std::int64_t id) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "AC-%06lld", static_cast<long long>(id));
    return buf;
}

}  // namespace accord

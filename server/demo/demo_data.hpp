// Demo shops, accounts and orders so a fresh install can be tried at once.
#pragma once
#include <string>

#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord::demo {

constexpr const char* kPassword = "accord-demo";

// Seeds only an empty database (no users yet); returns whether it seeded.
bool seed_if_empty(db::Database& db, Timestamp now);
// The accounts, for the start-up banner.
std::string accounts_banner();

}  // namespace accord::demo

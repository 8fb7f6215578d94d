// Every UI string in zh-CN and en. Labels of model values (categories, states, errors) come
// from the shared enum tables instead, so client, server and API speak the same words.
#pragma once
#include "accord/lang.hpp"

namespace accord::client {

enum class Str {
    app_title, sign_in_title, username, password, sign_in, signing_in, demo_hint, switch_language,
    sign_out, my_cases, shop_cases, all_cases, new_dispute, refresh, loading, no_cases, select_case,
    col_case, col_order, col_category, col_amount, col_state, col_created, col_merchant,
    buyer, phone, address, remedy, description, channel, redacted_note, history, order, choose_order,
    no_orders, category, amount_yuan, submit, submitting, cancel, filed_notice, network_error,
    order_total, filing_deadline, chain_ok, chain_broken, fix_errors, delivered, not_delivered,
    server_outdated, count_chars, in_progress, deadlines, due_at, time_left, overdue_by, paused, days,
};

const char* tr(Str s, Lang lang);

}  // namespace accord::client

// Prints how long the shared model's hot functions take (ns per call), for budgets set as
// ratios in one run: validation runs every frame in the client, deadlines for every row of a
// case list, apply() for every action the server takes. Not a test: run it, read the figures.
#include <chrono>
#include <cstdio>

#include "accord/deadlines.hpp"
#include "accord/filing.hpp"
#include "accord/lifecycle.hpp"

using namespace accord;

template <typename Fn>
static void measure(const char* name, int iterations, Fn&& fn) {
    volatile std::size_t sink = 0;
    for (int i = 0; i < iterations / 10; ++i) sink = sink + fn();  // warm-up
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i) sink = sink + fn();
    const auto ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-44s %10.0f ns/call  (%d calls)\n", name, ns / iterations, iterations);
}

int main() {
    const Timestamp now = 1'795'400'000;  // 2026-11-23
    OrderSnapshot order;
    order.order_ref = "TB20261101-0001";
    order.buyer_id = 1;
    order.total = {89900, "CNY"};
    order.placed_at = now - 9 * kSecondsPerDay;
    order.delivered_at = now - 5 * kSecondsPerDay;
    FilingForm form;
    form.order_ref = order.order_ref;
    form.amount_minor = 89900;
    form.description = "商品质量问题，耳机左边没有声音，要求退货退款";
    const Viewer buyer{1, Role::buyer, 0};

    const RuleSet rules;
    const LifecycleContext ctx{rules, china_calendar()};
    Dispute d;
    d.id = 1;
    d.buyer_id = 1;
    d.merchant_id = 2;
    d.amount = {89900, "CNY"};
    d.created_at = now;
    const Case filed = open_case(d, order.total, {}, rules.high_value_min_minor);
    const Actor support{{3, Role::support, 0}, false, ApprovalLevel::team_lead};
    ActionRequest accept;
    accept.action = Action::accept_case;
    accept.actor = support;
    accept.at = now + 600;
    accept.triage = {Category::quality_defect, Priority::normal, Queue::frontline, RootCause::other, false};
    const Case waiting = apply(filed, accept, ctx).next;

    std::printf("Accord shared-model micro-benchmarks (one core, this machine; compare ratios)\n");
    measure("validate_filing (valid Chinese form)", 200000,
            [&] { return validate_filing(form, &order, buyer, now).size(); });
    measure("open_deadlines (awaiting merchant)", 200000,
            [&] { return open_deadlines(waiting, rules, china_calendar()).size(); });
    measure("deadline_after 5 business days", 200000,
            [&] { return static_cast<std::size_t>(deadline_after(now, business_days(5), china_calendar()) & 1); });
    measure("available_actions (merchant, awaiting)", 50000, [&] {
        return available_actions(waiting, {{9, Role::merchant, 2}, false, ApprovalLevel::team_lead}, now, ctx).size();
    });
    measure("apply accept_case", 50000, [&] { return static_cast<std::size_t>(apply(filed, accept, ctx).ok); });
    return 0;
}

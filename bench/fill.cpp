// accord-fill: a data dir for the benchmark, written through the server's own repository code.
//
//   accord-fill --data-dir D --cases N     a store accord-server opens, with the demo accounts and N
//                                          cases that lived realistic lives up to "now"
//   accord-fill orders --data-dir D ...    fresh orders for the demo buyer (the create benchmark
//                                          files one case per order)
//   accord-fill lag --data-dir D ...       samples the deadline scheduler's lag from outside, read-only
//
// Every case is filed and moved exactly as the server does it: validate_filing() on its order,
// insert_dispute() + open_case(), then each step through the shared model's apply() with a JSON
// body decoded by the same api::decode() the action route uses, and recorded by cases::record()
// (event appended to both hash chains, stored case, listing row); messages by the message
// route's insert_message() + cases::record_side_event(). Deadlines that
// pass between two steps are fired as the scheduler fires them, as the actor `system`, so when
// the server starts on the store (with --clock-offset back to the fill's "now") nothing is
// overdue: the scheduler sees only what falls due while the benchmark runs.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "accord/access.hpp"
#include "accord/api.hpp"
#include "accord/api_lifecycle.hpp"
#include "accord/case_codec.hpp"
#include "accord/deadlines.hpp"
#include "accord/filing.hpp"
#include "accord/lifecycle.hpp"
#include "app.hpp"
#include "auth/crypto.hpp"
#include "cases/case_service.hpp"
#include "db/case_store.hpp"
#include "db/database.hpp"
#include "db/dispute_repository.hpp"
#include "db/event_log.hpp"
#include "db/message_repository.hpp"
#include "db/migrate.hpp"
#include "db/order_repository.hpp"
#include "db/pool.hpp"
#include "db/user_repository.hpp"
#include "demo/demo_data.hpp"
#include "ops/calendar.hpp"

using namespace accord;
using nlohmann::json;

namespace {

// The metadata run.sh reads: when the fill's "now" was (the server's clock is set back to it),
// how many cases, and the file of cases a support agent may flag (the action benchmark).
constexpr const char* kMetaFile = "bench-fill.json";
constexpr const char* kFlagIdsFile = "flag-ids.txt";
// The create benchmark's orders: BX + 9 digits, for the demo buyer.
constexpr const char* kBenchOrderPrefix = "BX";

class Rng {
public:
    explicit Rng(std::uint64_t seed) : g_(seed) {}
    std::int64_t between(std::int64_t lo, std::int64_t hi) {  // inclusive
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(g_);
    }
    double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(g_); }
    bool chance(double p) { return unit() < p; }
    template <typename T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
    }
    // Index into weights, with probability proportional to each weight.
    std::size_t weighted(const std::vector<double>& weights) {
        double total = 0;
        for (double w : weights) total += w;
        double x = unit() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }
    std::mt19937_64& engine() { return g_; }

private:
    std::mt19937_64 g_;
};

// --- the people -------------------------------------------------------------------------------

const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                                            "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
                                            "唐", "许", "韩", "冯", "邓", "曹"};
const std::vector<std::string> kGiven = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
                                         "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华",
                                         "文", "华", "红", "鑫", "宇轩", "梓涵", "一诺"};
const std::vector<std::string> kCities = {"北京市朝阳区建国路", "上海市浦东新区张杨路", "广州市天河区体育西路",
                                          "深圳市南山区科技园路", "杭州市西湖区文三路", "成都市武侯区人民南路",
                                          "南京市鼓楼区中山北路", "武汉市洪山区珞喻路", "西安市雁塔区小寨路",
                                          "重庆市渝中区解放碑", "苏州市工业园区星湖街", "天津市和平区南京路"};
const std::vector<std::string> kShopWords = {"星辰", "优品", "华美", "乐活", "云端", "锦绣", "青禾", "好物",
                                             "悦享", "东方", "极客", "暖居", "森林", "晨光", "嘉禾", "百味"};
const std::vector<std::string> kShopKinds = {"旗舰店", "专营店", "专卖店", "官方店", "生活馆", "数码城"};

struct Buyer {
    std::int64_t id;
    BuyerContact contact;
};

struct Shop {
    std::int64_t id;
    std::string name;
    std::int64_t account;  // the merchant user who answers for the shop
};

struct Staff {
    std::vector<std::int64_t> support, mediators, arbitrators, approvers, managers;
    std::int64_t admin = 0;
};

struct People {
    std::vector<Buyer> buyers;  // [0] is the demo "buyer", [1] "buyer2"
    std::vector<Shop> shops;    // [0], [1] the demo shops
    Staff staff;
};

std::string person_name(Rng& rng) { return rng.pick(kSurnames) + rng.pick(kGiven); }

std::string phone(Rng& rng) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "1%lld%09lld", static_cast<long long>(rng.between(3, 9)),
                  static_cast<long long>(rng.between(0, 999'999'999)));
    return buf;
}

std::int64_t user_id(db::Database& db, const char* username) {
    const auto u = db::find_user_by_username(db, username);
    if (!u) throw std::runtime_error(std::string("demo account missing: ") + username);
    return u->info.id;
}

// The demo accounts first (the bench signs in as them), then as many buyers, shops and staff as a
// platform of this size has. Every generated account shares the demo password's hash: hashing
// costs ~100 ms each on purpose, and nobody signs in as them.
People make_people(db::Database& db, std::int64_t cases, Timestamp now, Rng& rng) {
    People p;
    const auto demo_buyer = db::find_user_by_username(db, "buyer");
    if (!demo_buyer) throw std::runtime_error("demo data missing");
    const std::string hash = demo_buyer->password_hash;
    for (const char* name : {"buyer", "buyer2"}) {
        const auto u = db::find_user_by_username(db, name);
        p.buyers.push_back({u->info.id, {u->info.display_name, u->phone, u->address}});
    }
    for (const char* name : {"merchant", "merchant2"}) {
        const auto u = db::find_user_by_username(db, name);
        db::Query shop = db.statement("SELECT name FROM merchants WHERE id = ?");
        shop.bind(1, u->info.merchant_id);
        if (!shop.step()) throw std::runtime_error("demo shop missing");
        p.shops.push_back({u->info.merchant_id, shop.text(0), u->info.id});
    }
    p.staff.support = {user_id(db, "support")};
    p.staff.mediators = {user_id(db, "mediator"), user_id(db, "mediator2")};
    p.staff.arbitrators = {user_id(db, "arbitrator"), user_id(db, "arbitrator2")};
    p.staff.approvers = {user_id(db, "approver")};
    p.staff.managers = {user_id(db, "manager")};
    p.staff.admin = user_id(db, "admin");

    db::Transaction tx(db);
    auto add_user = [&](const std::string& username, const std::string& display, Role role, std::int64_t shop,
                        const std::string& ph, const std::string& address) {
        db::UserRecord rec;
        rec.info.username = username;
        rec.info.display_name = display;
        rec.info.role = role;
        rec.info.merchant_id = shop;
        rec.phone = ph;
        rec.address = address;
        rec.password_hash = hash;
        return db::insert_user(db, rec, now);
    };
    const std::int64_t buyers = std::max<std::int64_t>(20, cases / 25);
    for (std::int64_t i = 0; i < buyers; ++i) {
        const std::string name = person_name(rng);
        const std::string address =
            rng.pick(kCities) + std::to_string(rng.between(1, 999)) + "号" + std::to_string(rng.between(1, 30)) + "楼";
        const std::string ph = phone(rng);
        const std::int64_t id = add_user("b" + std::to_string(i + 1), name, Role::buyer, 0, ph, address);
        p.buyers.push_back({id, {name, ph, address}});
    }
    const std::int64_t shops = std::max<std::int64_t>(4, cases / 400);
    for (std::int64_t i = 0; i < shops; ++i) {
        const std::string name = rng.pick(kShopWords) + rng.pick(kShopWords) + rng.pick(kShopKinds) + "·" +
                                 std::to_string(i + 1);
        const std::int64_t shop = db::insert_merchant(db, name);
        const std::int64_t account = add_user("m" + std::to_string(i + 1), name + "客服", Role::merchant, shop, "", "");
        p.shops.push_back({shop, name, account});
    }
    auto add_staff = [&](std::vector<std::int64_t>& into, const char* prefix, const char* title, Role role, int n) {
        for (int i = 0; i < n; ++i)
            into.push_back(add_user(std::string(prefix) + std::to_string(i + 1), title + person_name(rng), role, 0, "", ""));
    };
    add_staff(p.staff.support, "s", "客服", Role::support, 20);
    add_staff(p.staff.mediators, "med", "调解员", Role::mediator, 8);
    add_staff(p.staff.arbitrators, "arb", "仲裁员", Role::arbitrator, 6);
    add_staff(p.staff.approvers, "appr", "审批主管", Role::approver, 3);
    add_staff(p.staff.managers, "mgr", "经理", Role::approver, 1);
    // The demo "manager" already approves at manager level; the generated ones join it.
    for (std::size_t i = 1; i < p.staff.managers.size(); ++i)
        db::set_approval_level(db, p.staff.managers[i], ApprovalLevel::manager);
    tx.commit();
    return p;
}

// --- what was bought and what went wrong ---------------------------------------------------------

struct Item {
    const char* title;
    std::int64_t lo, hi;  // price range, fen
};

const std::vector<Item> kItems = {
    {"蓝牙降噪耳机", 19900, 199900}, {"机械键盘", 19900, 89900},   {"实木书桌", 59900, 299900},
    {"陶瓷餐具套装", 9900, 49900},   {"USB-C 数据线", 1900, 7900}, {"电动牙刷", 9900, 59900},
    {"羽绒服", 39900, 199900},       {"运动鞋", 29900, 129900},    {"智能手表", 49900, 399900},
    {"空气炸锅", 19900, 79900},      {"婴儿推车", 59900, 359900},  {"面霜", 9900, 159900},
    {"茶叶礼盒", 9900, 99900},       {"行李箱", 29900, 149900},    {"笔记本电脑", 399900, 1299900},
    {"手机壳", 1900, 9900},          {"台灯", 5900, 39900},        {"床上四件套", 19900, 89900},
};

const std::vector<std::pair<Category, std::vector<const char*>>> kComplaints = {
    {Category::not_received, {"物流显示已签收，但我没有收到任何包裹，联系快递也没有结果", "下单半个月了一直没有发货，客服也不回复消息",
                              "快递停在中转站一周没有更新，商家说不清楚"}},
    {Category::damaged_in_transit, {"收到时外包装破损，商品有明显磕碰和裂痕", "开箱发现玻璃部件碎了，快递员让我找商家"}},
    {Category::quality_defect, {"使用三天就坏了，左边完全没有声音，无法正常使用", "开机几分钟就自动关机，充满电也一样",
                                "缝线开裂，穿了一次就破了，质量太差"}},
    {Category::not_as_described, {"实物颜色和尺寸与商品页面描述明显不符", "页面写的是实木，收到的是刨花板贴皮"}},
    {Category::counterfeit, {"防伪码查询不到，包装印刷粗糙，怀疑是假货", "和专柜购买的对比明显不同，怀疑非正品"}},
    {Category::after_sales, {"申请保修七天了商家一直不处理，也不给寄修地址", "说好的上门安装一直没人来，电话打不通"}},
    {Category::refusal_to_fulfil, {"付款后商家以缺货为由要求我取消订单，但页面仍在销售", "商家拒绝按标价发货，要求加价"}},
    {Category::other, {"商家客服态度恶劣，承诺的赠品没有发放", "发票一直没有开具，多次催促无果"}},
};

const std::vector<const char*> kMerchantComplaints = {"买家收货后恶意差评并索要额外补偿，提供的照片与实物不符",
                                                      "买家退回的商品已被使用且缺少配件，要求赔偿损失",
                                                      "买家签收后谎称未收到货并发起拒付，物流有签收记录"};
const std::vector<const char*> kPlatformComplaints = {"平台保证金扣除依据不明确，要求说明并退还",
                                                      "店铺被误判违规下架，申诉材料已提交但未处理",
                                                      "平台活动补贴未按合同约定结算"};
const std::vector<const char*> kMessages = {"您好，已收到您的反馈，我们正在核实，请耐心等待。", "请提供一下商品的实拍照片和包装照片。",
                                            "照片已经上传，请查看。", "我们同意协商处理，请问您希望怎么解决？",
                                            "快递单号已经填写，麻烦尽快处理。", "请问处理进度如何？已经等了好几天了。",
                                            "已与物流公司核实，包裹在途中破损。"};
const std::vector<const char*> kNotes = {"买家历史投诉较多，注意核实。", "商家近期同类投诉集中，建议关注。",
                                         "已电话联系买家确认情况。"};

template <typename E>
E weighted_enum(Rng& rng, const std::vector<std::pair<E, double>>& table) {
    std::vector<double> w;
    for (const auto& [_, weight] : table) w.push_back(weight);
    return table[rng.weighted(w)].first;
}

// --- recording, as the server records ------------------------------------------------------------

struct Filler {
    AppContext& app;
    db::Database& db;  // the pool's writer, held for the whole fill
    const RuleSet& rules;
    LifecycleContext ctx;
    std::int64_t events = 0;
    std::int64_t refused_payloads = 0;

    db::CaseEvent record(const Case& next, std::int64_t version, const std::string& action, std::int64_t actor_id,
                         Timestamp at, const std::string& reason, json payload) {
        ++events;
        return cases::record(app, db, next, version, action, actor_id, at, reason, std::move(payload));
    }

    // The message route: the row, then an event that carries its SHA-256 (the case row resealed
    // to the new head of its history).
    void message(const Case& c, const Actor& author, const std::string& author_name, const std::string& body,
                 MessageVisibility visibility, Timestamp at) {
        db::MessageRecord m{0, c.dispute.id, author.viewer.user_id, author_name, std::string(to_key(author.viewer.role)),
                            visibility, body, at};
        m.id = db::insert_message(db, m);
        const std::string vis = to_key(visibility);
        cases::record_side_event(app, db, c.dispute.id, "message", author.viewer.user_id, at,
                                 {{"message_id", m.id},
                                  {"visibility", vis},
                                  {"body_sha256", auth::sha256_hex(m.body)},
                                  {"relation", to_key(relation_to(c, author))}},
                                 vis);
        ++events;
    }
};

Actor actor(std::int64_t id, Role role, std::int64_t shop = 0, ApprovalLevel level = ApprovalLevel::team_lead) {
    Actor a;
    a.viewer = {id, role, shop};
    a.approval_level = level;
    return a;
}

std::string tracking(Rng& rng) {
    static const std::vector<std::string> carriers = {"SF", "YT", "ZTO", "JD", "EMS"};
    return rng.pick(carriers) + std::to_string(rng.between(100'000'000'000LL, 999'999'999'999LL));
}

// Terms a party or the mediator would put forward on this case.
json terms(const Case& c, Rng& rng, bool platform_may_pay) {
    const std::int64_t total = std::max<std::int64_t>(1, c.order_total.minor);
    const Remedy remedy = weighted_enum<Remedy>(
        rng, {{Remedy::partial_refund, 50}, {Remedy::full_refund, 20}, {Remedy::return_and_refund, 15},
              {Remedy::exchange, 5}, {Remedy::reissue, 5}, {Remedy::repair, 5}});
    std::int64_t amount = 0;
    if (remedy == Remedy::partial_refund) amount = std::max<std::int64_t>(1, total * rng.between(20, 80) / 100);
    if (remedy == Remedy::full_refund || remedy == Remedy::return_and_refund) amount = std::min(total, c.dispute.amount.minor);
    json t = {{"remedy", to_key(remedy)}, {"amount_minor", amount}, {"currency", c.order_total.currency},
              {"terms", remedy == Remedy::return_and_refund ? "退货运费由商家承担" : "双方协商一致"}};
    if (platform_may_pay && remedy_pays_money(remedy) && rng.chance(0.15)) t["payer"] = "platform";
    return t;
}

const char* reason_for(Action a) {
    switch (a) {
        case Action::reject_case: return "不属于平台纠纷受理范围，请联系商家售后";
        case Action::merchant_contest: return "商品出库前已质检，物流签收记录完整，买家所述与事实不符";
        case Action::withdraw: return "已与商家私下协商解决，撤回纠纷";
        case Action::return_proposal: return "赔付金额依据不足，请补充说明";
        case Action::decline_proposal: return "方案金额过低，无法接受";
        case Action::refer_to_arbitration: return "双方分歧较大，调解无法达成一致";
        case Action::appeal: return "裁决未考虑我方提交的关键证据";
        case Action::close_case: return "双方已确认执行完毕";
        case Action::refer_external: return "当事人已向法院起诉";
        case Action::flag_litigation_risk: return "当事人表示将提起诉讼";
        default: return "按平台规则处理";
    }
}

// The request body a person would send for this action on this case (the API's wire form).
json body_for(Action a, const Case& c, const Actor& who, const Staff& staff, Rng& rng) {
    json b = {{"action", to_key(a)}};
    if (action_shape(a).reason_required) b["reason"] = reason_for(a);
    switch (a) {
        case Action::accept_case: {
            static const std::vector<std::string> causes = {"platform_error", "system_or_force_majeure",
                                                            "customer_misunderstanding", "other", "other"};
            b["triage"] = {{"category", to_key(c.dispute.category)}, {"priority", to_key(c.triage.priority)},
                           {"queue", to_key(c.triage.queue)}, {"root_cause", rng.pick(causes)}};
            break;
        }
        case Action::request_info: b["items"] = {"商品实拍照片", "物流面单照片", "与商家的聊天记录截图"}; break;
        case Action::merchant_offer:
        case Action::make_offer: b["terms"] = terms(c, rng, false); break;
        case Action::propose_settlement: b["terms"] = terms(c, rng, true); break;
        case Action::accept_offer: b["offer_seq"] = c.offers.empty() ? 0 : c.offers.back().seq; break;
        case Action::assign_mediator:
            if (who.viewer.role != Role::mediator) b["assignee_id"] = rng.pick(staff.mediators);
            break;
        case Action::assign_arbitrator:
            if (who.viewer.role != Role::arbitrator) b["assignee_id"] = rng.pick(staff.arbitrators);
            break;
        case Action::order_inspection: b["inspection"] = {{"what", "第三方质检：核实商品是否存在质量问题"}, {"payer", "platform"}}; break;
        case Action::rule: {
            const Liability liability = weighted_enum<Liability>(
                rng, {{Liability::merchant, 50}, {Liability::shared, 15}, {Liability::buyer, 25}, {Liability::undetermined, 10}});
            json ruling = {{"liability", to_key(liability)},
                           {"reasoning", "经审查双方提交的证据，结合物流记录与商品检测结果，依据平台规则作出如下裁决。"}};
            if (ruling_upholds(c.dispute.kind, liability)) {
                json t = terms(c, rng, false);
                if (t["amount_minor"].get<std::int64_t>() == 0 && remedy_pays_money(c.dispute.requested_remedy)) t["amount_minor"] = 1;
                ruling["remedy"] = t;
            } else {
                ruling["remedy"] = {{"remedy", "full_refund"}, {"amount_minor", 0}, {"currency", c.order_total.currency}};
            }
            b["ruling"] = ruling;
            break;
        }
        case Action::complete_step: {
            const ExecutionStep step = current_step(c);
            if (step_needs_tracking(step)) b["tracking_number"] = tracking(rng);
            if (step == ExecutionStep::merchant_inspection && rng.chance(0.05)) {
                b["inspection_passed"] = false;
                b["reason"] = "退回商品有明显使用痕迹且缺少配件";
            }
            break;
        }
        case Action::rate: b["rating"] = {{"score", rng.between(1, 5)}, {"comment", rng.chance(0.5) ? "处理及时，满意" : ""}}; break;
        case Action::refer_external: b["external"] = rng.chance(0.7) ? "court" : "third_party_mediation"; break;
        default: break;
    }
    return b;
}

// How likely each person is to take each action when they may: the usual paths dominate, and
// withdrawals, appeals and referrals stay rare.
double weight(Action a, const Case& c) {
    switch (a) {
        case Action::accept_case: return 85;
        case Action::request_info: return 8;
        case Action::provide_info: return 90;
        case Action::reject_case: return 4;
        case Action::merchant_accept: return 40;
        case Action::merchant_offer: return 35;
        case Action::merchant_contest: return 15;
        case Action::make_offer: return 25;
        case Action::accept_offer: return 60;
        case Action::request_mediation: return c.dispute.state == DisputeState::negotiation ? 12 : 3;
        case Action::assign_mediator: return c.mediator_id == 0 ? 100 : 0;
        case Action::order_inspection: return c.inspections.empty() ? 5 : 0;
        case Action::propose_settlement: return 60;
        case Action::approve_proposal: return 85;
        case Action::return_proposal: return 8;
        case Action::consent: return 90;
        case Action::decline_proposal: return 6;
        case Action::refer_to_arbitration: return 12;
        case Action::assign_arbitrator: return c.arbitrator_id == 0 ? 100 : 0;
        case Action::rule: return 100;
        case Action::appeal: return 8;
        case Action::complete_step: return 100;
        case Action::close_case: return 2;
        case Action::rate: return 40;
        case Action::withdraw: return 2;
        case Action::refer_external: return 1;
        case Action::flag_litigation_risk: return 0.5;
        case Action::assess_evidence:  // no evidence files in the fill
        case Action::timeout: return 0;
    }
    return 0;
}

struct FillStats {
    std::vector<std::int64_t> flaggable;  // cases a support agent may flag now (the action benchmark)
    std::int64_t pending = 0;             // cases with a deadline still to fire
    std::map<std::string, std::int64_t> states;
};

// One case's life from filing until `now`.
class CaseLife {
public:
    CaseLife(Filler& f, const People& people, Rng& rng) : f_(f), people_(people), rng_(rng) {}

    void live(std::int64_t index, Timestamp filed_at, Timestamp now, FillStats& stats) {
        file(index, filed_at);
        Timestamp t = filed_at;
        for (int step = 0; step < 40; ++step) {
            // When the next move comes: well before the running deadline as a rule, after it
            // sometimes (the scheduler then acts first). A ruling is mostly left to stand.
            std::optional<Timestamp> due;
            for (const Deadline& d : open_deadlines(c_, f_.rules, f_.ctx.calendar))
                if (!d.paused && (!due || d.due < *due)) due = d.due;
            const double lapse_p = c_.dispute.state == DisputeState::ruled ? 0.9 : 0.06;
            const bool lapse = due && *due > t && rng_.chance(lapse_p);
            Timestamp next;
            if (lapse) next = *due + rng_.between(30, 4 * 3600);
            else if (due && *due > t) next = t + std::max<Timestamp>(60, static_cast<Timestamp>(static_cast<double>(*due - t) * (0.05 + 0.8 * rng_.unit())));
            else next = t + rng_.between(600, 30 * 3600);
            if (next > now) break;
            const int fired = fire_due(next);
            t = next;
            if (is_terminal(c_.dispute.state) && rng_.chance(0.5)) break;
            if (rng_.chance(0.2)) message(t - rng_.between(1, 300));
            if (lapse && fired > 0) continue;
            if (!act(t)) {
                if (!due) break;  // nobody can move and no clock runs: the case rests here
            }
        }
        fire_due(now);
        const Actor support = actor(people_.staff.support.front(), Role::support);
        if (may(c_, Action::flag_litigation_risk, support, now, f_.ctx)) stats.flaggable.push_back(c_.dispute.id);
        if (next_due_at(c_, f_.rules, f_.ctx.calendar)) ++stats.pending;
        ++stats.states[to_key(c_.dispute.state)];
    }

private:
    // POST /api/v1/disputes, step by step as file_dispute() takes them.
    void file(std::int64_t index, Timestamp t) {
        const double kind_roll = rng_.unit();
        FilingForm form;
        form.kind = kind_roll < 0.90 ? CaseKind::buyer_vs_merchant
                    : kind_roll < 0.97 ? CaseKind::merchant_vs_buyer
                                       : CaseKind::merchant_vs_platform;
        // The demo shops are big (3 % and 1 % of all cases: the merchant list benchmark pages
        // through them); other shops by a skewed draw, a few large and many small.
        const double shop_roll = rng_.unit();
        const std::size_t shop_index =
            shop_roll < 0.03 ? 0
            : shop_roll < 0.04
                ? 1
                : 2 + static_cast<std::size_t>(static_cast<double>(people_.shops.size() - 2) * std::pow(rng_.unit(), 2.5));
        shop_ = people_.shops[std::min(shop_index, people_.shops.size() - 1)];
        buyer_ = people_.buyers[static_cast<std::size_t>(rng_.between(0, static_cast<std::int64_t>(people_.buyers.size()) - 1))];
        support_ = rng_.pick(people_.staff.support);

        OrderSnapshot order;
        Actor filer;
        if (form.kind == CaseKind::merchant_vs_platform) {
            form.category = rng_.chance(0.5) ? Category::contract : Category::platform_policy;
            form.requested_remedy = rng_.chance(0.5) ? Remedy::compensation : Remedy::full_refund;
            form.amount_minor = rng_.between(50'000, 5'000'000);
            form.description = rng_.pick(kPlatformComplaints);
            filer = actor(shop_.account, Role::merchant, shop_.id);
        } else {
            const Item& item = rng_.pick(kItems);
            order.order_ref = "TB" + std::to_string(t / kSecondsPerDay) + "-" + std::to_string(index + 1);
            order.buyer_id = buyer_.id;
            order.merchant_id = shop_.id;
            order.merchant_name = shop_.name;
            order.item_title = item.title;
            order.total = {rng_.between(item.lo, item.hi) / 100 * 100, "CNY"};
            if (form.kind == CaseKind::buyer_vs_merchant) {
                const auto& [category, texts] =
                    kComplaints[rng_.weighted({15, 12, 25, 18, 5, 12, 5, 8})];
                form.category = category;
                form.description = rng_.pick(texts);
                form.requested_remedy = weighted_enum<Remedy>(
                    rng_, {{Remedy::full_refund, 30}, {Remedy::return_and_refund, 30}, {Remedy::partial_refund, 15},
                           {Remedy::exchange, 10}, {Remedy::repair, 5}, {Remedy::reissue, 5}, {Remedy::compensation, 5}});
                const bool by_support = rng_.chance(0.06);
                filer = by_support ? actor(support_, Role::support) : actor(buyer_.id, Role::buyer);
                form.channel = by_support ? weighted_enum<Channel>(rng_, {{Channel::hotline, 3}, {Channel::email, 1}, {Channel::social, 1}})
                                          : (rng_.chance(0.6) ? Channel::web : Channel::app);
            } else {
                form.category = rng_.chance(0.5) ? Category::other : Category::after_sales;
                form.description = rng_.pick(kMerchantComplaints);
                form.requested_remedy = rng_.chance(0.6) ? Remedy::compensation : Remedy::partial_refund;
                filer = actor(shop_.account, Role::merchant, shop_.id);
            }
            if (form.category == Category::not_received) {
                order.placed_at = t - rng_.between(3 * kSecondsPerDay, 25 * kSecondsPerDay);
                order.delivered_at = 0;
            } else {
                order.delivered_at = t - rng_.between(3600, 12 * kSecondsPerDay);
                order.placed_at = order.delivered_at - rng_.between(kSecondsPerDay, 5 * kSecondsPerDay);
            }
            const std::int64_t total = order.total.minor;
            form.amount_minor = form.requested_remedy == Remedy::partial_refund || form.requested_remedy == Remedy::compensation
                                    ? std::max<std::int64_t>(100, total * rng_.between(10, 60) / 100)
                                    : total;
            form.order_ref = order.order_ref;
            db::insert_order(f_.db, order);
        }
        const OrderSnapshot* order_ptr = form.kind == CaseKind::merchant_vs_platform ? nullptr : &order;
        if (const FieldErrors errors = validate_filing(form, order_ptr, filer.viewer, t, f_.rules.filing); !errors.empty())
            throw std::logic_error("the fill made an invalid filing (" + errors.front().field + ")");

        Dispute d;
        d.kind = form.kind;
        if (order_ptr) {
            d.order_ref = order.order_ref;
            d.buyer_id = order.buyer_id;
            d.buyer = buyer_.contact;
        }
        d.merchant_id = shop_.id;
        d.merchant_name = shop_.name;
        d.category = form.category;
        d.requested_remedy = form.requested_remedy;
        d.amount = {form.amount_minor, form.currency};
        d.description = form.description;
        d.channel = form.channel;
        d.state = DisputeState::filed;
        d.created_at = d.updated_at = t;
        d.id = db::insert_dispute(f_.db, d, filer.viewer.user_id);
        c_ = open_case(d, claim_ceiling(form, order_ptr, f_.rules.filing), {}, f_.rules.high_value_min_minor);
        version_ = 1;
        f_.record(c_, 1, "file", filer.viewer.user_id, t, "",
                  {{"request", api::encode(form)},
                   {"relation", to_key(relation_to(c_, filer))},
                   {"from", nullptr},
                   {"to", to_key(c_.dispute.state)},
                   {"detail", ""}});
        mediator_ = rng_.pick(people_.staff.mediators);
        arbitrator_ = rng_.pick(people_.staff.arbitrators);
    }

    // The scheduler's fire_case(): every deadline passed by `until`, each at its due time.
    int fire_due(Timestamp until) {
        int fired = 0;
        for (; fired < 32; ++fired) {
            const auto d = due_deadline(c_, until, f_.rules, f_.ctx.calendar);
            if (!d) break;
            ActionRequest timeout;
            timeout.action = Action::timeout;
            timeout.actor.system = true;
            timeout.at = std::max(d->due, c_.dispute.updated_at);
            if (!apply_and_record(timeout)) break;
        }
        return fired;
    }

    // The people who could move this case now.
    std::vector<std::pair<Actor, std::string>> people_on_case() const {
        std::vector<std::pair<Actor, std::string>> out;
        if (c_.dispute.buyer_id != 0) out.push_back({actor(buyer_.id, Role::buyer), buyer_.contact.name});
        out.push_back({actor(shop_.account, Role::merchant, shop_.id), shop_.name + "客服"});
        out.push_back({actor(support_, Role::support), "客服"});
        out.push_back({actor(c_.mediator_id != 0 ? c_.mediator_id : mediator_, Role::mediator), "调解员"});
        out.push_back({actor(arbitrator_for(), Role::arbitrator), "仲裁员"});
        out.push_back({actor(people_.staff.approvers[static_cast<std::size_t>(c_.dispute.id) % people_.staff.approvers.size()],
                             Role::approver),
                       "审批主管"});
        out.push_back({actor(people_.staff.managers.back(), Role::approver, 0, ApprovalLevel::manager), "经理"});
        return out;
    }

    std::int64_t arbitrator_for() const {
        if (c_.arbitrator_id != 0) return c_.arbitrator_id;
        // An appeal goes to another arbitrator than the one who ruled.
        if (c_.ruling && c_.ruling->arbitrator_id == arbitrator_) {
            for (std::int64_t a : people_.staff.arbitrators)
                if (a != arbitrator_) return a;
        }
        return arbitrator_;
    }

    // One person takes one action, chosen by weight among what the model offers them now.
    bool act(Timestamp t) {
        struct Option {
            Actor who;
            Action action;
        };
        std::vector<Option> options;
        std::vector<double> weights;
        for (const auto& [who, _] : people_on_case())
            for (Action a : available_actions(c_, who, t, f_.ctx))
                if (const double w = weight(a, c_); w > 0) {
                    options.push_back({who, a});
                    weights.push_back(w);
                }
        while (!options.empty()) {
            const std::size_t i = rng_.weighted(weights);
            ActionRequest request;
            const json body = body_for(options[i].action, c_, options[i].who, people_.staff, rng_);
            if (api::decode(body, request).empty()) {
                request.actor = options[i].who;
                request.at = t;
                if (apply_and_record(request)) return true;
            }
            ++f_.refused_payloads;
            options.erase(options.begin() + static_cast<std::ptrdiff_t>(i));
            weights.erase(weights.begin() + static_cast<std::ptrdiff_t>(i));
        }
        return false;
    }

    // cases::act() after the load: apply(), then record with the payload the server writes.
    bool apply_and_record(const ActionRequest& request) {
        const ActionResult result = apply(c_, request, f_.ctx);
        if (!result.ok) return false;
        const TransitionEvent& ev = result.event;
        f_.record(result.next, version_ + 1, to_key(request.action), ev.actor_id, ev.at, ev.reason,
                  {{"request", api::encode(request)},
                   {"relation", to_key(ev.relation)},
                   {"from", to_key(ev.from)},
                   {"to", to_key(ev.to)},
                   {"detail", ev.detail}});
        c_ = result.next;
        ++version_;
        return true;
    }

    void message(Timestamp at) {
        if (is_terminal(c_.dispute.state) || at < c_.dispute.updated_at) return;
        const auto people = people_on_case();
        // The parties and the support agent on the case write; staff notes stay internal.
        const std::size_t who = static_cast<std::size_t>(rng_.between(0, c_.dispute.buyer_id != 0 ? 2 : 1));
        const auto& [author, name] = people[who];
        const bool note = author.viewer.role == Role::support && rng_.chance(0.3);
        f_.message(c_, author, name, note ? rng_.pick(kNotes) : rng_.pick(kMessages),
                   note ? MessageVisibility::staff : MessageVisibility::all, at);
    }

    Filler& f_;
    const People& people_;
    Rng& rng_;
    Case c_;
    std::int64_t version_ = 0;
    Shop shop_{};
    Buyer buyer_{};
    std::int64_t support_ = 0, mediator_ = 0, arbitrator_ = 0;
};

std::string db_path(const std::string& dir) { return dir + "/accord.db"; }

json read_meta(const std::string& dir) {
    std::ifstream in(dir + "/" + kMetaFile);
    if (!in) throw std::invalid_argument("no " + std::string(kMetaFile) + " in " + dir + " (not made by accord-fill)");
    return json::parse(in);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --- fill -------------------------------------------------------------------------------------

int fill(const std::string& dir, std::int64_t cases, std::int64_t per_day, std::uint64_t seed, Timestamp now) {
    const auto started = std::chrono::steady_clock::now();
    auth::init_crypto();
    std::filesystem::create_directories(dir);
    if (std::filesystem::exists(db_path(dir))) throw std::invalid_argument(db_path(dir) + " exists: fill an empty data dir");
    // The server's own store: a pool (one writer, one reader: the fill only writes) and the
    // context cases::record() reads the chain key, the rules and the clock from.
    db::Pool pool(db_path(dir), 1);
    auto writer = pool.write();
    db::Database& db = *writer;
    db::migrate(db);
    // A bulk load: a larger page cache than the server's keeps the indexes being appended to in
    // memory. Connection-local; the server opens the file with its own settings.
    db.exec("PRAGMA cache_size = -262144");
    demo::seed_if_empty(db, now);  // the demo accounts and orders, as --demo-data makes them
    AppContext app{pool, {}, [now] { return now; }};
    app.config.data_dir = dir;
    app.chain_key = auth::load_chain_key(dir + "/accord.key", /*create=*/true);
    ops::set_calendar_in_force(ops::load_calendar(dir));
    const RuleSet& rules = app.config.rules;  // the defaults: a fresh store has no stored rules
    Rng rng(seed);
    const People people = make_people(db, cases, now, rng);

    Filler f{app, db, rules, {rules, ops::calendar_in_force()}};
    FillStats stats;
    // Filed at a steady rate up to ten minutes ago: a platform that has run cases/per_day days.
    const Timestamp span = std::max<Timestamp>(3600, cases * kSecondsPerDay / std::max<std::int64_t>(1, per_day));
    const Timestamp first = now - 600 - span;
    constexpr std::int64_t kBatch = 5000;
    for (std::int64_t i = 0; i < cases;) {
        db::Transaction tx(db);
        for (std::int64_t end = std::min(cases, i + kBatch); i < end; ++i) {
            CaseLife life(f, people, rng);
            life.live(i, first + span * i / cases, now, stats);
        }
        tx.commit();
        if (i % 100'000 == 0 || i == cases)
            std::fprintf(stderr, "accord-fill: %lld cases, %lld events, %.0f s\n", static_cast<long long>(i),
                         static_cast<long long>(f.events), seconds_since(started));
    }
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");

    std::shuffle(stats.flaggable.begin(), stats.flaggable.end(), rng.engine());
    {
        std::ofstream ids(dir + "/" + kFlagIdsFile);
        for (std::int64_t id : stats.flaggable) ids << id << '\n';
    }
    const json meta = {{"cases", cases},
                       {"ref_time", now},
                       {"events", f.events},
                       {"pending_deadlines", stats.pending},
                       {"flaggable", stats.flaggable.size()},
                       {"states", stats.states},
                       {"refused_payloads", f.refused_payloads},
                       {"fill_seconds", seconds_since(started)},
                       {"bench_orders", 0}};
    std::ofstream(dir + "/" + kMetaFile) << meta.dump(2) << '\n';
    std::printf("%s\n", meta.dump().c_str());
    return 0;
}

// --- orders for the create benchmark ------------------------------------------------------------

// Orders BX000000001... for the demo buyer, delivered two days before the fill's "now" (inside
// the filing window while the server's clock runs from there). Appends after those already added.
int add_orders(const std::string& dir, std::int64_t count) {
    json meta = read_meta(dir);
    const Timestamp now = meta["ref_time"].get<Timestamp>();
    const std::int64_t first = meta.value("bench_orders", std::int64_t{0});
    db::Database db(db_path(dir));
    const auto buyer = db::find_user_by_username(db, "buyer");
    const auto shop = db::find_user_by_username(db, "merchant");
    if (!buyer || !shop) throw std::invalid_argument("no demo accounts in " + dir);
    db::Transaction tx(db);
    for (std::int64_t i = first; i < first + count; ++i) {
        char ref[32];
        std::snprintf(ref, sizeof ref, "%s%09lld", kBenchOrderPrefix, static_cast<long long>(i));
        OrderSnapshot o;
        o.order_ref = ref;
        o.buyer_id = buyer->info.id;
        o.merchant_id = shop->info.merchant_id;
        o.item_title = "蓝牙降噪耳机 Pro";
        o.total = {89900, "CNY"};
        o.placed_at = now - 5 * kSecondsPerDay;
        o.delivered_at = now - 2 * kSecondsPerDay;
        db::insert_order(db, o);
    }
    tx.commit();
    meta["bench_orders"] = first + count;
    std::ofstream(dir + "/" + kMetaFile) << meta.dump(2) << '\n';
    std::printf("{\"first\": %lld, \"count\": %lld, \"prefix\": \"%s\"}\n", static_cast<long long>(first),
                static_cast<long long>(count), kBenchOrderPrefix);
    return 0;
}

// --- the scheduler's lag, from outside ----------------------------------------------------------

std::atomic<bool> g_stop{false};
void on_stop(int) { g_stop = true; }

std::int64_t scalar(sqlite3* db, const char* sql, std::int64_t bind = 0, bool* null = nullptr) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) throw db::DbError(sqlite3_errmsg(db));
    if (bind != 0) sqlite3_bind_int64(s, 1, bind);
    std::int64_t v = 0;
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        if (null) *null = sqlite3_column_type(s, 0) == SQLITE_NULL;
        v = sqlite3_column_int64(s, 0);
    } else if (rc != SQLITE_DONE) {
        const std::string msg = sqlite3_errmsg(db);
        sqlite3_finalize(s);
        throw db::DbError(msg);
    }
    sqlite3_finalize(s);
    return v;
}

// The scheduler's lag is how late the oldest due deadline is (DeadlineScheduler::lag_seconds()):
// the server's clock minus the earliest next_due_at, when that is past. Sampled every
// `interval_ms` on a read-only connection (WAL: never in the server's way) until SIGTERM or
// `seconds` (or, with `until_drained`, until nothing is due: how long a backlog takes to fire);
// the server's clock is this machine's plus `offset`. Fractional seconds: a deadline
// due at second s is due from the instant the server's whole-second clock reaches s.
int lag_probe(const std::string& dir, long long offset, double seconds, int interval_ms, bool until_drained) {
    std::signal(SIGTERM, on_stop);
    std::signal(SIGINT, on_stop);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path(dir).c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        throw db::DbError("cannot open " + db_path(dir));
    sqlite3_busy_timeout(db, 1000);
    const std::int64_t pending_start = scalar(db, "SELECT COUNT(*) FROM cases WHERE next_due_at IS NOT NULL");
    const std::int64_t gseq_start = scalar(db, "SELECT COALESCE(MAX(gseq), 0) FROM dispute_events");
    const std::int64_t due_start = scalar(db, "SELECT COUNT(*) FROM cases WHERE next_due_at <= ?",
                                          static_cast<std::int64_t>(std::time(nullptr)) + offset);
    const auto started = std::chrono::steady_clock::now();
    double max_lag = 0, sum_lag = 0;
    std::int64_t samples = 0, late_samples = 0;
    while (!g_stop && seconds_since(started) < seconds) {
        bool none = false;
        const std::int64_t due = scalar(db, "SELECT MIN(next_due_at) FROM cases WHERE next_due_at IS NOT NULL", 0, &none);
        const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count() +
                           static_cast<double>(offset);
        const double lag = none ? 0.0 : std::max(0.0, now - static_cast<double>(due));
        max_lag = std::max(max_lag, lag);
        sum_lag += lag;
        ++samples;
        if (lag > 1.0) ++late_samples;
        if (until_drained && lag == 0.0) break;  // the backlog is gone
        std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));
    }
    const std::int64_t fired =
        scalar(db, "SELECT COUNT(*) FROM dispute_events WHERE gseq > ? AND action = 'timeout'", gseq_start);
    const std::int64_t pending_end = scalar(db, "SELECT COUNT(*) FROM cases WHERE next_due_at IS NOT NULL");
    sqlite3_close(db);
    const json out = {{"max_lag_s", max_lag},
                      {"mean_lag_s", samples ? sum_lag / static_cast<double>(samples) : 0.0},
                      {"samples", samples},
                      {"samples_over_1s", late_samples},
                      {"pending_start", pending_start},
                      {"due_start", due_start},
                      {"pending_end", pending_end},
                      {"fired", fired},
                      {"seconds", seconds_since(started)}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"accord-fill: benchmark data written through Accord's own repository code (see bench/README in the "
                 "top-level README's benchmark section)",
                 "accord-fill"};
    std::string dir;
    std::int64_t cases = 0, per_day = 15'000;
    std::uint64_t seed = 42;
    long long now = 0;
    cli.add_option("--data-dir", dir, "the data dir to create (must not hold a database yet)")->type_name("DIR");
    cli.add_option("--cases", cases, "how many cases")->check(CLI::Range(std::int64_t{1}, std::int64_t{100'000'000}));
    cli.add_option("--per-day", per_day,
                   "cases filed per day: the history spans cases/per-day days, so the open cases (and their\n"
                   "pending deadlines) are about the same whatever the size")
        ->capture_default_str();
    cli.add_option("--seed", seed, "random seed (the same seed makes the same cases)")->capture_default_str();
    cli.add_option("--now", now, "the fill's \"now\" in Unix seconds (default: the system clock)");

    std::int64_t order_count = 0;
    CLI::App* orders_cmd = cli.add_subcommand("orders", "add orders BX... for the demo buyer (one case each)");
    orders_cmd->add_option("--data-dir", dir, "a data dir made by accord-fill")->required();
    orders_cmd->add_option("--count", order_count, "how many")->required()->check(CLI::PositiveNumber);

    long long offset = 0;
    double lag_seconds = 3600;
    int interval_ms = 100;
    CLI::App* lag_cmd = cli.add_subcommand("lag", "sample the deadline scheduler's lag until SIGTERM; prints JSON");
    lag_cmd->add_option("--data-dir", dir, "the running server's data dir")->required();
    lag_cmd->add_option("--clock-offset", offset, "the server's --clock-offset");
    lag_cmd->add_option("--seconds", lag_seconds, "stop after this long")->capture_default_str();
    lag_cmd->add_option("--interval-ms", interval_ms, "between samples")->capture_default_str();
    bool until_drained = false;
    lag_cmd->add_flag("--until-drained", until_drained, "stop at the first sample with nothing due");
    CLI11_PARSE(cli, argc, argv);

    try {
        if (orders_cmd->parsed()) return add_orders(dir, order_count);
        if (lag_cmd->parsed()) return lag_probe(dir, offset, lag_seconds, interval_ms, until_drained);
        if (dir.empty() || cases == 0) throw std::invalid_argument("--data-dir and --cases are required");
        return fill(dir, cases, per_day, seed, now != 0 ? now : static_cast<long long>(std::time(nullptr)));
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "accord-fill: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "accord-fill: %s\n", e.what());
        return 1;
    }
}

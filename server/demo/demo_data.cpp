#include "demo/demo_data.hpp"

#include "accord/api.hpp"
#include "auth/crypto.hpp"
#include "db/order_repository.hpp"
#include "db/user_repository.hpp"

namespace accord::demo {

namespace {

struct DemoUser {
    const char* username;
    const char* display_name;
    Role role;
    int shop;  // index into the shops below, -1 for none
    const char* phone;
    const char* address;
};

const char* const kShops[] = {"星辰数码旗舰店", "优品家居专营店"};

const DemoUser kUsers[] = {
    {"buyer", "张伟", Role::buyer, -1, "13812345678", "上海市浦东新区世纪大道100号8楼"},
    {"buyer2", "李娜", Role::buyer, -1, "13987654321", "杭州市西湖区文三路90号"},
    {"merchant", "星辰数码客服", Role::merchant, 0, "", ""},
    {"merchant2", "优品家居客服", Role::merchant, 1, "", ""},
    {"support", "客服小王", Role::support, -1, "", ""},
    {"mediator", "调解员陈静", Role::mediator, -1, "", ""},
    {"arbitrator", "仲裁员刘洋", Role::arbitrator, -1, "", ""},
    {"approver", "审批主管赵敏", Role::approver, -1, "", ""},
    {"manager", "总经理孙强", Role::approver, -1, "", ""},  // approves at manager level (>= 1000 CNY)
    {"mediator2", "调解员周婷", Role::mediator, -1, "", ""},
    {"arbitrator2", "仲裁员吴昊", Role::arbitrator, -1, "", ""},  // hears appeals against arbitrator's rulings
    {"admin", "系统管理员", Role::admin, -1, "", ""},
};

struct DemoOrder {
    const char* ref;
    int buyer;  // index into kUsers
    int shop;
    const char* title;
    std::int64_t total_minor;
    int placed_days_ago;
    int delivered_days_ago;  // -1: not delivered
};

const DemoOrder kOrders[] = {
    {"TB20261101-0001", 0, 0, "蓝牙降噪耳机 Pro", 89900, 9, 5},
    {"TB20261101-0002", 0, 1, "实木书桌 120cm", 129900, 12, 3},
    {"TB20261101-0003", 0, 0, "USB-C 快充数据线", 3900, 6, -1},
    {"TB20261001-0004", 0, 1, "陶瓷餐具套装", 25900, 50, 45},
    {"TB20261101-0005", 1, 0, "机械键盘 87键", 45900, 8, 4},
};

}  // namespace

bool seed_if_empty(db::Database& db, Timestamp now) {
    if (db::count_users(db) > 0) return false;
    const std::string hash = auth::hash_password(kPassword);  // one hash: argon2id is slow on purpose
    db::Transaction tx(db);
    std::int64_t shop_ids[2];
    for (int i = 0; i < 2; ++i) shop_ids[i] = db::insert_merchant(db, kShops[i]);
    std::int64_t user_ids[sizeof kUsers / sizeof kUsers[0]];
    for (std::size_t i = 0; i < sizeof kUsers / sizeof kUsers[0]; ++i) {
        const DemoUser& u = kUsers[i];
        db::UserRecord rec;
        rec.info.username = u.username;
        rec.info.display_name = u.display_name;
        rec.info.role = u.role;
        rec.info.merchant_id = u.shop >= 0 ? shop_ids[u.shop] : 0;
        rec.phone = u.phone;
        rec.address = u.address;
        rec.password_hash = hash;
        user_ids[i] = db::insert_user(db, rec, now);
        if (std::string(u.username) == "manager") db::set_approval_level(db, user_ids[i], ApprovalLevel::manager);
    }
    for (const DemoOrder& o : kOrders) {
        OrderSnapshot snap;
        snap.order_ref = o.ref;
        snap.buyer_id = user_ids[o.buyer];
        snap.merchant_id = shop_ids[o.shop];
        snap.item_title = o.title;
        snap.total = {o.total_minor, "CNY"};
        snap.placed_at = now - o.placed_days_ago * kSecondsPerDay;
        snap.delivered_at = o.delivered_days_ago < 0 ? 0 : now - o.delivered_days_ago * kSecondsPerDay;
        db::insert_order(db, snap);
    }
    tx.commit();
    return true;
}

std::string accounts_banner() {
    std::string out = "Demo accounts (password for all: " + std::string(kPassword) + "):\n";
    for (const DemoUser& u : kUsers) {
        std::string line = "  " + std::string(u.username);
        line.resize(14, ' ');
        out += line + to_key(u.role) + " - " + u.display_name + (u.shop >= 0 ? std::string(" @ ") + kShops[u.shop] : "") + "\n";
    }
    return out;
}

}  // namespace accord::demo

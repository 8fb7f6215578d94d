// Internal to the model: one home per lifecycle action. Everything the model knows about an action
// lives in its ActionSpec in actions.cpp: who may take it in which states, the guard beyond state and
// relation, whether it needs a reason, its payload keys, wire decoder and encoder, payload checks and
// its effect on the case. lifecycle.cpp and api_lifecycle.cpp are engines that only read the specs.
//
// Adding an action: the enumerator and its EnumTable row (lifecycle.hpp), then its spec in kSpecs at the
// same position. The static_assert in actions.cpp refuses a table with a missing, extra or misplaced spec.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "accord/json_reader.hpp"
#include "accord/lifecycle.hpp"

namespace accord::detail {

// Sets of states and of "who" as bit masks. Who is the actor's relation to the case (relation_to), plus the
// party's role in it: the claimant (who filed) or the respondent (who answers), see CaseKind in dispute.hpp.
using Mask = std::uint32_t;

constexpr Mask bit(DisputeState s) { return Mask{1} << static_cast<unsigned>(s); }
constexpr Mask bit(Relation r) { return Mask{1} << static_cast<unsigned>(r); }
template <typename... T>
constexpr Mask bits(T... v) { return (bit(v) | ...); }

constexpr Mask kClaimant = Mask{1} << 24;
constexpr Mask kRespondent = Mask{1} << 25;
static_assert(enum_count<Relation>() < 24 && enum_count<DisputeState>() < 32, "the masks' bits overlap");

// One row of an action's permissions: in these states, these may act. An action has one or two rows
// when who may act depends on the state; the first row whose states hold the case's state applies.
struct Permission {
    Mask states = 0;
    Mask who = 0;
};

enum class ReasonRule { optional, required };

struct GuardArgs {
    const Case& c;
    const Actor& actor;
    Relation rel;
    Timestamp now;
    const LifecycleContext& ctx;
};

// A payload check sees the case and the request only (no rules, no clock), so a client can run it on the
// case it was shown (check_payload in lifecycle.hpp).
struct CheckArgs {
    const Case& c;
    const ActionRequest& req;
    Relation rel;
    FieldErrors& errors;
};

struct EffectArgs {
    const Case& before;
    Case& next;
    const ActionRequest& req;
    Relation rel;
    const LifecycleContext& ctx;
    std::string& detail;  // what the event records besides from/to ("offer 2", "refund", ...)
};

struct ActionSpec {
    Action action;
    std::array<Permission, 2> may;
    ReasonRule reason;
    // The body keys the action takes besides "action" and "reason"; nullptr pads.
    std::array<const char*, 3> keys;
    // Wire: reads the keys above from the request body (`r` reads the body itself) / writes them.
    void (*decode)(JsonReader& r, FieldErrors& errors, ActionRequest& out);
    void (*encode)(const ActionRequest& r, nlohmann::json& j);
    // Beyond state and relation (whose offer, four-eyes, windows, ...): the refusal, or nullopt.
    std::optional<ErrorCode> (*guard)(const GuardArgs& g);
    // The payload's own rules, appended to a.errors (the reason's length is checked by the engine).
    void (*check)(const CheckArgs& a);
    // What the action does to the case (the engine has stamped updated_at and first_response_at).
    void (*effect)(EffectArgs& e);
};

// Reads the object under `key` with `allowed` keys; its errors are reported under "key.…".
template <typename ReadFields>
void read_object(JsonReader& parent, const char* key, FieldErrors& errors, std::initializer_list<const char*> allowed,
                 ReadFields&& read) {
    const nlohmann::json* object = parent.object(key);
    if (object == nullptr) return;
    const std::size_t before = errors.size();
    JsonReader r(*object, errors, allowed);
    read(r);
    for (std::size_t i = before; i < errors.size(); ++i)
        errors[i].field = errors[i].field.empty() ? key : std::string(key) + "." + errors[i].field;
}

// Terms under `key` (offers, proposals, a ruling's remedy, and a case's progress read back by a client).
void read_terms(JsonReader& parent, const char* key, Terms& out, FieldErrors& errors);

// nullptr for a value outside the enum.
const ActionSpec* action_spec(Action a);

// Whether the actor may take the action under its permission rows: the row for the state, or nullptr.
const Permission* permission_for(const ActionSpec& spec, DisputeState state);

// Who the actor is on this case, as the bits the permission rows use: the relation's bit, and for a party
// kClaimant or kRespondent.
Mask who_bits(const Case& c, Relation rel);

}  // namespace accord::detail

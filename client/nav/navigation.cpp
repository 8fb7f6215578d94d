#include "nav/navigation.hpp"

#include "accord/access.hpp"
#include "api_client.hpp"
#include "forms/text_buffer.hpp"
#include "i18n/strings.hpp"
#include "platform/history.hpp"

namespace accord::client {

namespace {

// The address's route, with the sign-in page standing for where it leads.
Route destination(const std::string& hash) {
    const std::optional<Route> r = parse_route(hash);
    if (!r) return Route{};  // an address with no screen: the list
    if (r->page != Page::sign_in) return *r;
    const std::optional<Route> next = parse_route(r->next);
    return next ? *next : Route{};
}

ListQuery list_query(const ListFilter& f) {
    ListQuery q;
    if (f.state >= 0) q.state = static_cast<DisputeState>(f.state);
    q.overdue = f.overdue_only;
    q.search = f.search;
    return q;
}

void apply_list(AppState& s, const ListQuery& q) {
    s.filter.state = q.state ? static_cast<int>(*q.state) : -1;
    s.filter.overdue_only = q.overdue;
    copy_text(s.filter.search, q.search);
}

std::string title_of(const AppState& s, const Route& r) {
    const std::string app = tr(Str::app_title, s.lang);
    switch (r.page) {
        case Page::sign_in:
            return std::string(tr(Str::sign_in, s.lang)) + " · " + app;
        case Page::cases:
            return app;
        case Page::case_view:
            return case_number(r.case_id) + " · " + app;
        case Page::filing:
            return std::string(tr(Str::new_dispute, s.lang)) + " · " + app;
    }
    return app;
}

}  // namespace

void navigation_start(AppState& s) {
    s.nav.changes = browser::address_changes();
    s.nav.published_text = browser::location_hash();
    s.nav.published = parse_route(s.nav.published_text);
    s.nav.target = destination(s.nav.published_text);
}

Route route_of(const AppState& s) {
    Route r;
    if (s.screen != Screen::cases) {
        r.page = Page::sign_in;
        if (s.nav.target && !(*s.nav.target == Route{})) r.next = format_route(*s.nav.target);
        return r;
    }
    switch (s.pane) {
        case Pane::none:
            r.list = list_query(s.filter);
            break;
        case Pane::detail:
            r.page = Page::case_view;
            r.case_id = s.case_id;
            r.list = list_query(s.filter);
            break;
        case Pane::filing:
            r.page = Page::filing;
            r.order_ref = selected_order(s) ? selected_order(s)->order_ref : s.filing.wanted_order;
            break;
    }
    return r;
}

void go(AppState& s, const Route& r) {
    switch (r.page) {
        case Page::sign_in:  // signed in already: where the sign-in would have led
            go(s, destination(format_route(r)));
            return;
        case Page::cases:
            apply_list(s, r.list);
            s.pane = Pane::none;
            return;
        case Page::case_view:
            apply_list(s, r.list);
            if (s.pane != Pane::detail || s.case_id != r.case_id) open_case(s, r.case_id);
            return;
        case Page::filing:
            if (s.user && may_file(s.user->viewer())) {
                if (s.pane != Pane::filing || (!r.order_ref.empty() && route_of(s).order_ref != r.order_ref))
                    start_filing(s, r.order_ref);
            } else {
                s.pane = Pane::none;  // not someone who files: the list (the address follows)
            }
            return;
    }
}

void navigation_frame(AppState& s) {
    NavState& nav = s.nav;
    // The address moved under the app (Back, Forward, an edited address): go there, or after sign-in.
    const int changes = browser::address_changes();
    if (changes != nav.changes) {
        nav.changes = changes;
        nav.published_text = browser::location_hash();
        nav.published = parse_route(nav.published_text);
        nav.target = destination(nav.published_text);
    }
    // The session ended under the user (expired, revoked): after signing in again, back to the same place.
    // A deliberate sign-out forgets the place (sign_out() drops nav.published).
    if (s.screen == Screen::login && !nav.target && nav.published && nav.published->page != Page::sign_in)
        nav.target = nav.published;
    // Landing on an address the app then corrects (a form this user may not file, an address with no
    // screen) replaces it: Back must not lead to an address that bounces forward again.
    bool landed = false;
    if (s.screen == Screen::cases && nav.target) {
        const Route target = *nav.target;
        nav.target.reset();
        go(s, target);
        landed = true;
    }
    if (s.screen == Screen::starting) return;  // not known yet whether this is the sign-in page

    const Route now = route_of(s);
    const std::string text = format_route(now);
    if (text == nav.published_text) return;
    const bool push = !landed && nav.published && is_new_page(*nav.published, now);
    browser::set_address(text, title_of(s, now), push);
    nav.published = now;
    nav.published_text = text;
}

}  // namespace accord::client

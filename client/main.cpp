// The Accord web client: Dear ImGui on GLFW + WebGL2, compiled to WebAssembly.
// The frame loop is tiny: size the canvas, draw the current screen, publish test state.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>

#include "api_client.hpp"
#include "app_state.hpp"
#include "forms/local_drafts.hpp"
#include "i18n/strings.hpp"
#include "nav/navigation.hpp"
#include "platform/browser.hpp"
#include "platform/clipboard.hpp"
#include "platform/history.hpp"
#include "platform/storage.hpp"
#include "platform/uploads.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace {

using namespace accord::client;

struct Client {
    GLFWwindow* window = nullptr;
    AppState state;
    std::vector<unsigned char> font;  // owned here; ImGui's atlas points into it
    std::string published;            // last test-hook JSON, to publish only changes
    float ime_x = 0, ime_y = 0;       // caret of the active text field (canvas px), from ImGui
    float style_scale = 0.0f;
    accord::Lang document_lang = accord::Lang::en;
    std::int64_t upload_case = -1;  // the case the upload bridge sends files to
};

Client g;
const char* const kLangKey = "accord.lang";

void apply_scale(float dpr) {
    if (dpr == g.style_scale) return;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.FrameRounding = 4.0f;
    style.FramePadding = ImVec2(8, 6);
    style.ItemSpacing = ImVec2(8, 7);
    style.ScaleAllSizes(dpr);
    g.style_scale = dpr;
}

void load_font(float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    g.font = browser::take_font();
    if (g.font.empty()) {
        std::fprintf(stderr, "accord: no CJK font, using ImGui's default (Chinese will not render)\n");
        io.Fonts->AddFontDefault();
        return;
    }
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;
    cfg.OversampleH = 1;  // the default 3 doubles the atlas and its upload for no visible gain
    cfg.OversampleV = 1;
    static const ImWchar ranges[] = {0x0020, 0xFFFF, 0};  // whatever the served subset holds
    io.Fonts->AddFontFromMemoryTTF(g.font.data(), static_cast<int>(g.font.size()), 17.0f * dpr, &cfg, ranges);
}

// Keeps the canvas' backing store at CSS size × devicePixelRatio (Emscripten's GLFW has no HiDPI).
void fit_canvas() {
    int css_w = 0, css_h = 0;
    browser::canvas_css_size(css_w, css_h);
    const float dpr = g.state.dpr;
    const int want_w = static_cast<int>(static_cast<float>(css_w) * dpr);
    const int want_h = static_cast<int>(static_cast<float>(css_h) * dpr);
    int w = 0, h = 0;
    glfwGetWindowSize(g.window, &w, &h);
    // Not glfwSetWindowSize: Emscripten's GLFW asks for fullscreen (and pointer lock) when the size
    // equals the screen's, which is every phone. The canvas is resized directly; GLFW follows.
    if (want_w > 0 && want_h > 0 && (w != want_w || h != want_h)) browser::set_canvas_size(want_w, want_h);
}

void draw_ui() {
    AppState& s = g.state;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Accord", nullptr, flags);
    switch (s.screen) {
        case Screen::starting:
            ImGui::TextUnformatted(tr(Str::loading, s.lang));
            break;
        case Screen::login:
            draw_login_view(s);
            break;
        case Screen::cases: {
            draw_top_bar(s);
            // Narrow screens (phones) show one pane at a time, with a way back to the list.
            s.narrow = vp->Size.x / s.dpr < 760.0f;
            if (s.narrow && s.pane != Pane::none) {
                if (ImGui::Button(tr(Str::back_to_list, s.lang))) s.pane = Pane::none;
                mark(s, "pane.back");
            }
            if (!s.narrow || s.pane == Pane::none) {
                const float list_w = s.narrow ? 0.0f : ImGui::GetContentRegionAvail().x * 0.46f;
                ImGui::BeginChild("list", ImVec2(list_w, 0), true);
                draw_case_list_view(s);
                ImGui::EndChild();
                if (s.narrow) break;
                ImGui::SameLine();
            }
            ImGui::BeginChild("pane", ImVec2(0, 0), true);
            if (s.pane == Pane::filing) draw_filing_view(s);
            else if (s.pane == Pane::detail) draw_case_detail_view(s);
            else ImGui::TextColored(ImVec4(0.45f, 0.45f, 0.5f, 1), "%s", tr(Str::select_case, s.lang));
            ImGui::EndChild();
            break;
        }
    }
    ImGui::End();
}

void frame() {
    glfwPollEvents();
    fit_canvas();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    browser::clipboard_begin_frame();
    ImGui::NewFrame();
    g.state.widgets.clear();  // only what this frame draws can be clicked
    poll(g.state);
    draw_ui();
    navigation_frame(g.state);
    save_local_drafts(g.state);
    browser::set_leave_warning(has_unsent_forms(g.state));
    // Picked and dropped files go to the open case (none while no case is open).
    const std::int64_t open_case_id =
        g.state.pane == Pane::detail && g.state.current ? g.state.current->id : 0;
    if (open_case_id != g.upload_case) {
        std::string accept;
        for (const std::string& t : g.state.evidence_types) accept += (accept.empty() ? "" : ",") + t;
        browser::set_upload_case(open_case_id, accord::lang_key(g.state.lang), accept);
        g.upload_case = open_case_id;
    }

    // While a text field is active, the hidden <textarea> takes the focus so IMEs work.
    ImGuiIO& io = ImGui::GetIO();
    browser::ime_sync(io.WantTextInput, g.ime_x / g.state.dpr, g.ime_y / g.state.dpr);

    // The cursor a web page would show: an I-beam over text fields, a hand over what can be clicked.
    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    const char* css = cursor == ImGuiMouseCursor_TextInput   ? "text"
                      : cursor == ImGuiMouseCursor_ResizeEW  ? "ew-resize"
                      : cursor == ImGuiMouseCursor_ResizeNS  ? "ns-resize"
                      : cursor == ImGuiMouseCursor_Hand || ImGui::IsAnyItemHovered() ? "pointer"
                                                                                   : "default";
    browser::set_cursor(css);

    ImGui::Render();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(g.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.957f, 0.961f, 0.969f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    browser::clipboard_end_frame();

    if (g.document_lang != g.state.lang) {
        browser::set_document_lang(accord::lang_key(g.state.lang));
        browser::storage_set(kLangKey, accord::lang_key(g.state.lang));  // the next visit, signed in or not
        g.document_lang = g.state.lang;
    }
    std::string json = test_state_json(g.state);
    if (json != g.published) {
        browser::publish_test_state(json);
        g.published = std::move(json);
    }
}

}  // namespace

int main() {
    if (!glfwInit()) {
        std::fprintf(stderr, "accord: glfwInit failed\n");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g.state.dpr = browser::device_pixel_ratio();
    int css_w = 0, css_h = 0;
    browser::canvas_css_size(css_w, css_h);
    g.window = glfwCreateWindow(static_cast<int>(static_cast<float>(css_w) * g.state.dpr),
                                static_cast<int>(static_cast<float>(css_h) * g.state.dpr), "Accord", nullptr, nullptr);
    if (!g.window) {
        std::fprintf(stderr, "accord: cannot create a WebGL2 context\n");
        return 1;
    }
    glfwMakeContextCurrent(g.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // layout is fixed; nothing to persist
    // ImGui's GLFW backend sets the cursor mode every frame, which Emscripten's GLFW turns into
    // exitPointerLock() calls the browser refuses ("Permissions check failed") and no cursor change.
    // The page's CSS cursor is set instead (browser::set_cursor), as a web page would.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    // ImGui 1.86 tells where the caret is, so the IME candidate box opens next to it.
    ImGui::GetIO().ImeSetInputScreenPosFn = [](int x, int y) {
        g.ime_x = static_cast<float>(x);
        g.ime_y = static_cast<float>(y);
    };
    apply_scale(g.state.dpr);
    load_font(g.state.dpr);
    ImGui_ImplGlfw_InitForOpenGL(g.window, true);
    browser::clipboard_install();  // after the backend, which installs GLFW's page-local clipboard
    // Emscripten 3.1.6's GLFW hands the browser's wheel deltas through raw: pixels, positive = down, where
    // GLFW means steps, positive = up. ImGui then scrolled the wrong way, hundreds of lines per notch. A
    // notch of 100 px is one step, as Emscripten counts them elsewhere.
    glfwSetScrollCallback(g.window, [](GLFWwindow*, double dx, double dy) {
        ImGuiIO& io = ImGui::GetIO();
        io.MouseWheelH -= static_cast<float>(dx / 100.0);
        io.MouseWheel -= static_cast<float>(dy / 100.0);
    });
    ImGui_ImplOpenGL3_Init("#version 300 es");

    if (const auto lang = browser::storage_get(kLangKey)) g.state.lang = accord::parse_lang(*lang);
    navigation_start(g.state);  // the address opened is where to land, after sign-in if needed
    restore_session(g.state);
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}

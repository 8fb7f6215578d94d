// Picking the language from an Accept-Language header or a `lang` value.
#include <doctest/doctest.h>

#include <string>

#include "accord/lang.hpp"

using namespace accord;

TEST_CASE("parse_lang picks English when the header asks for it") {
    for (const char* header : {"en", "EN", "En", "en-US", "en-GB", "en-US,en;q=0.9", "en;q=0.5", "de, en",
                               "de,en", "fr-CA,en;q=0.8", "de-DE, en-US;q=0.7"}) {
        CAPTURE(header);
        CHECK(parse_lang(header) == Lang::en);
    }
}

TEST_CASE("parse_lang picks Chinese when asked, and by default") {
    for (const char* header : {"zh-CN", "zh", "ZH-cn", "zh-TW", "zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans-CN",
                               "", "fr", "de-DE", "*", "e", "z", "ja, ko", "x-en", "fr-en", "q=0.9",
                               "de;q=0.9,zh;q=0.8,en;q=0.7"}) {
        CAPTURE(header);
        CHECK(parse_lang(header) == Lang::zh_CN);
    }
}

TEST_CASE("parse_lang takes the first of the two languages named") {
    CHECK(parse_lang("en, zh") == Lang::en);
    CHECK(parse_lang("zh, en") == Lang::zh_CN);
    CHECK(parse_lang("fr, en, zh") == Lang::en);
    CHECK(parse_lang("fr, zh, en") == Lang::zh_CN);
}

TEST_CASE("lang_key is the inverse of parse_lang") {
    CHECK(std::string(lang_key(Lang::zh_CN)) == "zh-CN");
    CHECK(std::string(lang_key(Lang::en)) == "en");
    for (const Lang lang : {Lang::zh_CN, Lang::en}) CHECK(parse_lang(lang_key(lang)) == lang);
}

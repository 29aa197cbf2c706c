"""The scripts' fonts in a real browser (Debian's headless Chromium, at /usr/bin/chromium).

Arabic pages are set in Noto Sans Arabic, a web font the portal serves itself (npm's
@fontsource-variable/noto-sans-arabic, under /static/vendor/noto-sans-arabic/, declared in static/css/portal.css
with the Arabic letters' unicode-range). Only <html lang="ar"> names it, so a browser downloads it there and
nowhere else: not on an English page, although every page's language switcher shows "العربية" (a link with
lang="ar", which the stylesheet's html[lang] selector does not match). Chinese pages name the systems' own
Chinese fonts and download nothing. Only a browser tells which files it fetches.

    .venv/bin/python -m pytest gmg_portal/tests/test_fonts.py -q -p no:logging
"""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

ARABIC_FONT = "/static/vendor/noto-sans-arabic/noto-sans-arabic-arabic-wght-normal.woff2"


@pytest.fixture
def site(live_server, seeded):
    return live_server.url


def visit(chromium, url):
    """Opens `url` in a browser context of its own (no cached font) and returns the page with the addresses
    of every font file it requested, once the page and its fonts are loaded."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    fonts = []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page, fonts


def body_font(page):
    return page.evaluate("getComputedStyle(document.body).fontFamily")


def test_an_arabic_page_downloads_the_portals_own_arabic_font_and_an_english_page_does_not(chromium, site):
    english, fonts = visit(chromium, site + "/en/")
    assert english.locator('.gmg-languages a[lang="ar"]').inner_text() == "العربية"  # Arabic letters on the page
    assert fonts == []
    assert not body_font(english).startswith('"Noto Sans Arabic')
    english.context.close()

    arabic, fonts = visit(chromium, site + "/ar/")
    assert [urlsplit(url).path for url in fonts] == [ARABIC_FONT]
    assert all(urlsplit(url).netloc == urlsplit(site).netloc for url in fonts)  # same origin: font-src 'self'
    assert body_font(arabic).startswith('"Noto Sans Arabic Variable"')
    # The face was fetched (status 200, woff2) and is the one the browser uses for the Arabic text.
    response = arabic.request.get(fonts[0])
    assert response.status == 200 and response.headers["content-type"] == "font/woff2"
    assert arabic.evaluate(
        """[...document.fonts].some((face) => face.family.replace(/"/g, '') === 'Noto Sans Arabic Variable'
                                           && face.status === 'loaded')"""
    )
    arabic.context.close()


def test_a_chinese_page_uses_the_systems_chinese_fonts_and_downloads_none(chromium, site):
    chinese, fonts = visit(chromium, site + "/zh-hans/")
    assert fonts == []
    assert '"Noto Sans CJK SC"' in body_font(chinese)
    chinese.context.close()

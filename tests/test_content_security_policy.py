"""Every page carries a Content-Security-Policy that allows no inline code, and the pages
have none: no <script> or <style> blocks, no on…= handlers, no style= attributes."""

from django.urls import reverse
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ttdn.testing import TreeTestCase

# Pages of each app, seen by the commune officer (who may enter on BDI-QN).
OFFICER_PAGES = [
    ("home", []),
    ("orgunits:list", []),
    ("orgunits:detail", ["BDI-QN"]),
    ("indicators:entry", ["BDI-QN", "2024S1"]),
    ("indicators:totals", ["BDI-QN", "2024S1"]),
    ("registers:activities-list", ["BDI-QN"]),
    ("registers:activities-create", ["BDI-QN"]),
    ("archive:documents", ["BDI-QN"]),
    ("archive:upload", ["BDI-QN"]),
    ("reporting:requests", []),
    ("search", []),
    ("accounts:password_change", []),
]
ANONYMOUS_PAGES = [("accounts:login", []), ("accounts:password_reset", [])]


def inline_code(html: str) -> list[str]:
    """What a policy without 'unsafe-inline' would block, as readable descriptions."""
    found = []
    tree = HTMLParser(html)
    for node in tree.css("script"):
        if "src" not in node.attributes and node.attributes.get("type") != "application/json":
            found.append(f"<script>{(node.text() or '')[:60]}")
    found += [f"<style>{(node.text() or '')[:60]}" for node in tree.css("style")]
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            if name.startswith("on") or name == "style" or name.startswith("hx-on"):
                found.append(f"<{node.tag} {name}={value!r}>")
            elif name in ("href", "src", "action") and (value or "").startswith("javascript:"):
                found.append(f"<{node.tag} {name}={value!r}>")
    return found


class ContentSecurityPolicyTests(TreeTestCase):
    def test_pages_carry_a_policy_without_inline_code(self):
        response = self.client.get(reverse("accounts:login"))
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        self.assertEqual(directives["default-src"], "'self'")
        self.assertEqual(directives["script-src"], "'self'")
        self.assertEqual(directives["style-src"], "'self'")
        self.assertEqual(directives["frame-ancestors"], "'none'")
        self.assertNotIn("unsafe", policy)

    def test_the_main_pages_have_no_inline_script_or_style(self):
        pages = [(name, args, None) for name, args in ANONYMOUS_PAGES]
        pages += [(name, args, self.officer) for name, args in OFFICER_PAGES]
        for name, args, person in pages:
            with self.subTest(page=name):
                if person is None:
                    self.client.logout()
                else:
                    self.client.force_login(person)
                response = self.client.get(reverse(name, args=args))
                self.assertEqual(response.status_code, 200)
                self.assertIn("script-src 'self'", response["Content-Security-Policy"])
                self.assertEqual(inline_code(response.content.decode()), [])

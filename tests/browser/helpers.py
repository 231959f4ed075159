"""What the browser tests share besides the browser fixture."""

from ttdn.testing import PASSWORD


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def refused_by_policy(page) -> list[str]:
    """Collects what the page's Content-Security-Policy blocks, as the console reports it;
    a page that works without inline code leaves the list empty."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused

"""ttdn apitoken create USERNAME --name NAME [--days N] | revoke ID | list [USERNAME]."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ttdn.accounts.models import ApiToken


def stamp(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else "-"


class Command(BaseCommand):
    help = "Create, revoke or list the bearer tokens other systems use to call the API."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="make a token for a person; it is printed once")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="what the token is for")
        create.add_argument(
            "--days",
            type=int,
            default=settings.API_TOKEN_DAYS,
            help="days the token works (default: TTDN_API_TOKEN_DAYS, %(default)s)",
        )
        revoke = sub.add_parser("revoke", help="stop a token from working")
        revoke.add_argument("id", type=int)
        listing = sub.add_parser(
            "list",
            help="tokens, newest first, with last use and expiry (never the tokens themselves)",
        )
        listing.add_argument("username", nargs="?")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _create(self, options) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng {options['username']}.")
        if not user.is_active:
            raise CommandError(f"Tài khoản {user.username} đang bị khóa.")
        if options["days"] < 1:
            raise CommandError(f"--days phải từ 1 trở lên, không phải {options['days']}.")
        token, key = ApiToken.issue(user, options["name"], days=options["days"])
        self.stderr.write(
            f"Mã #{token.pk} cho {user.username}, hết hạn {stamp(token.expires_at)}. "
            "Lưu lại ngay: mã chỉ hiện một lần."
        )
        self.stdout.write(key)

    def _revoke(self, options) -> None:
        updated = ApiToken.objects.filter(pk=options["id"]).update(revoked=True)
        if not updated:
            raise CommandError(f"Không có mã #{options['id']}.")
        self.stdout.write(f"Đã thu hồi mã #{options['id']}.")

    def _list(self, options) -> None:
        tokens = ApiToken.objects.select_related("user")
        if options["username"]:
            tokens = tokens.filter(user__username=options["username"])
        now = timezone.now()
        self.stdout.write("id\tuser\tname\tstate\tlast_used\texpires")
        for token in tokens:
            if token.revoked:
                state = "revoked"
            elif token.is_expired(now):
                state = "expired"
            else:
                state = "active"
            self.stdout.write(
                f"{token.pk}\t{token.user.username}\t{token.name}\t{state}\t"
                f"{stamp(token.last_used_at)}\t{stamp(token.expires_at)}"
            )

def pytest_configure(config):
    # Argon2 is the production hasher (asserted in the accounts tests); the suite creates
    # and logs in many people, so it hashes with a fast one.
    if not config.pluginmanager.hasplugin("django"):
        return
    from django.conf import settings

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]

"""The search app knows other apps only through what they register: no module of it
imports another app, and each app's search.py indexes its own models alone."""

import ast
from pathlib import Path

from django.apps import apps
from django.db.models.signals import post_save
from django.test import SimpleTestCase

from ttdn.search import registry

SEARCH_APP = Path(__file__).resolve().parents[1]
# What the search app may build on: the tree of units (entries belong to a unit), the
# shared helpers and field types, and the API's shared shapes and permission helper.
ALLOWED = ("ttdn.search", "ttdn.orgunits", "ttdn.lib", "ttdn.fields", "ttdn.api", "ttdn.inputs")
ALLOWED_FOR_PAGES = ("ttdn.orgunits.access",)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.startswith("ttdn.")}


def app_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


class SearchAppImportTests(SimpleTestCase):
    def test_no_module_of_the_search_app_imports_another_domain_app(self):
        allowed = ALLOWED + ALLOWED_FOR_PAGES
        for path in sorted(SEARCH_APP.rglob("*.py")):
            if "tests" in path.relative_to(SEARCH_APP).parts:
                continue
            with self.subTest(path=str(path.relative_to(SEARCH_APP))):
                outside = {
                    name
                    for name in imported_modules(path)
                    if not any(name == a or name.startswith(a + ".") for a in allowed)
                    and name != "ttdn"
                }
                self.assertEqual(outside, set())

    def test_each_app_search_module_imports_models_of_its_own_app_only(self):
        modules = [config for config in apps.get_app_configs() if config.name.startswith("ttdn.")]
        registering = [c for c in modules if (Path(c.path) / "search.py").exists()]
        self.assertGreaterEqual(len(registering), 3)
        for config in registering:
            with self.subTest(app=config.name):
                models = {
                    name
                    for name in imported_modules(Path(config.path) / "search.py")
                    if ".models" in name
                }
                self.assertTrue(models)
                self.assertEqual({app_of(m) for m in models}, {config.name})

    def test_every_registered_index_lives_in_the_app_of_its_model(self):
        for index in registry.indexes():
            with self.subTest(kind=index.kind):
                model_app = index.model._meta.app_config.name
                self.assertEqual(app_of(type(index).__module__), model_app)
                self.assertEqual(type(index).__module__, f"{model_app}.search")


class RegistryTests(SimpleTestCase):
    def test_the_kinds_are_those_of_documents_plans_activities_and_report_narratives(self):
        # First, in this order; the other registers' records come after them.
        self.assertEqual(registry.kinds()[:4], ["document", "plan", "activity", "section"])
        self.assertEqual(
            [str(label) for _, label in registry.choices()][:4],
            ["Tài liệu", "Kế hoạch", "Hoạt động", "Thuyết minh báo cáo"],
        )
        self.assertLessEqual({"committee", "officer", "oversight", "budget"}, set(registry.kinds()))

    def test_saves_are_followed_for_the_models_that_ask_for_it(self):
        followed = {
            index.kind
            for index in registry.indexes()
            if post_save.has_listeners(index.model)
            and any(key[0] == f"search_{index.kind}_saved" for key, *_ in post_save.receivers)
        }
        # Documents are indexed by the archive itself once read.
        self.assertNotIn("document", followed)
        self.assertLessEqual({"activity", "plan", "section", "committee", "officer"}, followed)
        self.assertEqual(
            followed, {index.kind for index in registry.indexes() if index.follow_saves}
        )

    def test_a_kind_is_registered_once(self):
        class Twice(registry.SearchIndex):
            kind = "document"
            label = "again"
            model = apps.get_model("archive", "Document")

        with self.assertRaisesMessage(ValueError, "registered twice"):
            registry.register(Twice)
        self.assertEqual(registry.get("document").label, "Tài liệu")

    def test_a_kind_longer_than_its_column_is_refused(self):
        class Long(registry.SearchIndex):
            kind = "a-very-long-kind"
            model = apps.get_model("archive", "Document")

        with self.assertRaisesMessage(ValueError, "longer than 10"):
            registry.register(Long)
        self.assertNotIn("a-very-long-kind", registry.kinds())

"""A plan covers years (a single year or a giai đoạn with a vision year) instead of one
``year``; plans get a kind, tasks given to units and the progress units report."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import ttdn.fields


def one_year_plans(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Plan.objects.update(end_year=models.F("start_year"))


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_covering_index"),
        ("orgunits", "0002_path_c_collation"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("plan", "year", "start_year"),
        migrations.AlterField(
            model_name="plan",
            name="start_year",
            field=models.PositiveSmallIntegerField(
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2099),
                ],
                verbose_name="từ năm",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="end_year",
            field=models.PositiveSmallIntegerField(
                default=0,
                help_text="Bằng năm bắt đầu với kế hoạch một năm.",
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2099),
                ],
                verbose_name="đến năm",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(one_year_plans, migrations.RunPython.noop),
        migrations.AddField(
            model_name="plan",
            name="vision_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1900),
                    django.core.validators.MaxValueValidator(2099),
                ],
                verbose_name="tầm nhìn đến năm",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="kind",
            field=models.CharField(
                choices=[
                    ("plan", "Kế hoạch"),
                    ("programme", "Chương trình"),
                    ("project", "Đề án"),
                    ("joint_plan", "Kế hoạch phối hợp"),
                ],
                default="plan",
                max_length=12,
                verbose_name="loại văn bản",
            ),
        ),
        migrations.AlterModelOptions(
            name="plan",
            options={
                "ordering": ["-start_year", "-issued_on"],
                "verbose_name": "kế hoạch",
                "verbose_name_plural": "kế hoạch",
            },
        ),
        migrations.AddIndex(
            model_name="plan",
            index=models.Index(
                fields=["issuing_unit", "start_year"], name="plans_plan_issuing_31c6d0_idx"
            ),
        ),
        migrations.CreateModel(
            name="PlanTask",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=500, verbose_name="nhiệm vụ")),
                ("deadline", models.DateField(verbose_name="thời hạn")),
                ("assignee", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="plan_tasks", to="orgunits.orgunit", verbose_name="đơn vị thực hiện")),
                ("indicator", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="indicators.indicator", verbose_name="chỉ tiêu liên quan")),
                ("plan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tasks", to="plans.plan")),
            ],
            options={
                "verbose_name": "nhiệm vụ",
                "verbose_name_plural": "nhiệm vụ",
                "ordering": ["plan", "deadline", "pk"],
            },
        ),
        migrations.CreateModel(
            name="TaskProgress",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("period", ttdn.fields.PeriodField(help_text="Ví dụ 2024S1, 2024Q3 hoặc 2024", max_length=8, verbose_name="kỳ báo cáo")),
                ("status", models.CharField(choices=[("not_started", "Chưa triển khai"), ("in_progress", "Đang triển khai"), ("done", "Hoàn thành")], max_length=12, verbose_name="tình trạng")),
                ("note", models.TextField(blank=True, max_length=4000, verbose_name="kết quả, ghi chú")),
                ("task", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="progress", to="plans.plantask", verbose_name="nhiệm vụ")),
                ("unit", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="task_progress", to="orgunits.orgunit", verbose_name="đơn vị")),
            ],
            options={
                "verbose_name": "tiến độ nhiệm vụ",
                "verbose_name_plural": "tiến độ nhiệm vụ",
                "ordering": ["-period", "-pk"],
                "constraints": [models.UniqueConstraint(fields=("task", "period"), name="plan_progress_unique", violation_error_message="Đã có báo cáo tiến độ của nhiệm vụ này cho kỳ này.")],
            },
        ),
    ]

from django.contrib import admin

from ttdn.cooperation.models import (
    Agreement,
    ApprovalStep,
    CourseAttendance,
    Delegation,
    Partner,
    TrainingCourse,
)


class StepInline(admin.TabularInline):
    model = ApprovalStep
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "partner", "signed_on"]
    inlines = [StepInline]


for model in (TrainingCourse, CourseAttendance, Delegation, Partner):
    admin.site.register(model)

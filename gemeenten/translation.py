from modeltranslation.translator import TranslationOptions, register

from .models import Statement, TargetGroup, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(TargetGroup)
class TargetGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(Statement)
class StatementTranslation(TranslationOptions):
    fields = ("title", "body")

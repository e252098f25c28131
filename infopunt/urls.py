"""The public infopunt under /<lang>/infopunt/ (built by its own issue)."""
app_name = "infopunt"
urlpatterns: list = []

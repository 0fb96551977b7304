from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dangbo.news.models import Category, Photo, Post


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


class PhotoInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Photo
    extra = 0


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    list_display = ("title", "organization", "status", "published_at", "view_count")
    list_filter = ("status", "categories")
    search_fields = ("title",)
    inlines = [PhotoInline]
    readonly_fields = ("view_count", "version")

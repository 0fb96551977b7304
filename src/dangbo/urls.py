from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import include, path

from dangbo.api.urls import api
from dangbo.dashboard import views as dashboard_views
from dangbo.dashboard.urls import organization_urls
from dangbo.news.sitemaps import SITEMAPS


def healthz(request):  # the bare page the benchmarks compare against
    return HttpResponse("ok", content_type="text/plain")


# A locked database met outside a view (say by the session middleware) is the 503 busy page.
handler500 = "dangbo.core.error_views.server_error"

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("dangbo.accounts.urls")),
    path("to-chuc/", include(organization_urls)),  # organizations:* (pages with members)
    path("dang-vien/", include("dangbo.members.urls")),
    path("nghi-quyet/", include("dangbo.targets.urls")),
    path("hop/", include("dangbo.meetings.urls")),
    path("danh-gia/", include("dangbo.evaluations.urls")),
    path("khen-thuong/", include("dangbo.awards.urls")),
    path("van-ban/", include("dangbo.reports.urls")),
    path("tin-tuc/", include("dangbo.news.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/", api.urls),
    path("quan-tri/", admin.site.urls),
]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agencies"
    # Named apart from its main model, so that breadcrumbs do not read "Agencies › Agencies"; so are the other
    # content apps ("Calendar › Events", "Chairs and topics › Topics").
    verbose_name = _("Members")

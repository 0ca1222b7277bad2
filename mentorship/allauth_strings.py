"""Account-page strings whose Swedish in django-allauth's own catalogue is wrong.

Listed here so that `makemessages` keeps them in locale/sv, where our translation takes
precedence over allauth's.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    # allauth's Swedish says "Already have an account? Then log in" on a sign-up link.
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Email address"),
]

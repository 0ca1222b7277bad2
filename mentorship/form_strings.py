"""Django's own form messages, which Django REST Framework's catalogue translates too, in
other words ("Det här fältet är obligatoriskt." for "Detta fält måste fyllas i.").

An app's catalogue takes precedence over Django's, so with the API installed the forms
would change their Swedish. Listed here so that `makemessages` keeps them in locale/sv,
where Django's wording is pinned for the forms and the API alike.
"""

from django.utils.translation import gettext_noop

PINNED = [
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("The submitted file is empty."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
]

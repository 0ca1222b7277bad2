"""A person keeps their own profile up to date: name, title, what they know and want,
languages, a photo. Matching reads the profile as it stands at each run."""

from __future__ import annotations

import io
import uuid

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from mentorship.errors import NotAllowed, Refusal
from mentorship.models import User
from programs.models import Profile
from programs.services.intake import PROFILE_FIELDS

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_SIZE = 512  # pixels, the longer side


class ProfileError(Refusal):
    pass


# The application form's profile fields, and what only the profile page asks.
PROFILE_EDITABLE = (*PROFILE_FIELDS, "availability")


def photo_normalise(upload: UploadedFile) -> ContentFile:
    """The upload as a JPEG of at most 512 pixels a side, turned the way the camera held
    it, without its metadata (place, device); refused if it is not an image."""
    if upload.size > PHOTO_MAX_BYTES:
        raise ProfileError(_("A photo can be at most 8 MB."), field="photo")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((PHOTO_SIZE, PHOTO_SIZE))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=85)
    except Exception as error:  # Pillow raises many kinds on a file that is not an image
        raise ProfileError(_("Upload a photo (JPEG, PNG, GIF or WebP)."), field="photo") from error
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def profile_update(
    *,
    user: User,
    by: User,
    first_name: str,
    last_name: str,
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
    **fields,
) -> Profile:
    """The person changes their own profile (nobody else: a coordinator corrects an
    application, not a profile). A new photo replaces the old one, whose file goes."""
    if by.pk != user.pk:
        raise NotAllowed(_("Only the person can change their profile."))
    if not first_name.strip() or not last_name.strip():
        raise ProfileError(_("Give your first and last name."), field="first_name")
    unknown = set(fields) - set(PROFILE_EDITABLE)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    new_photo = photo_normalise(photo) if photo is not None else None
    with transaction.atomic():
        profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
        User.objects.filter(pk=user.pk).update(
            first_name=first_name.strip(), last_name=last_name.strip()
        )
        user.first_name, user.last_name = first_name.strip(), last_name.strip()
        for name, value in fields.items():
            setattr(profile, name, value)
        old = profile.photo.name if profile.photo else ""
        if new_photo is not None:
            profile.photo.save(new_photo.name, new_photo, save=False)
        elif remove_photo:
            profile.photo = ""
        profile.save()
        if old and old != profile.photo.name:
            storage = profile.photo.storage
            transaction.on_commit(lambda: storage.delete(old))
    return profile

"""People keep their own profile up to date; matching reads it at the next run."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from matching.selectors import cohort_matching_input, explanation_details
from programs.models import Cohort, Profile
from programs.personal_data import personal_data
from programs.services.privacy import person_anonymise
from tests.factories import CohortFactory, ParticipantFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


def image_bytes(kind: str = "PNG", size=(1600, 900)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, kind)
    return out.getvalue()


def profile_data(**changes) -> dict:
    data = {
        "first_name": "Amina",
        "last_name": "Hassan",
        "phone": "070-123 45 67",
        "title": "Nurse",
        "profession": "",
        "languages": ["sv", "ar"],
        "competence_areas": "Leadership, Finance",
        "region": "",
        "bio": "I want to lead a ward.",
        "preferred_language": "en",
    }
    data.update(changes)
    return data


def test_person_edits_her_profile_and_photo(client, mentee):
    client.force_login(mentee.user)
    photo = SimpleUploadedFile("me.png", image_bytes())
    response = client.post("/profile/", {**profile_data(), "photo": photo})
    assert response.status_code == 302
    profile = Profile.objects.get(user=mentee.user)
    assert profile.title == "Nurse" and profile.competence_areas == ["Leadership", "Finance"]
    assert profile.user.get_full_name() == "Amina Hassan"
    with Image.open(profile.photo.open("rb")) as stored:
        assert stored.format == "JPEG" and max(stored.size) == 512  # resized
    page = client.get("/profile/").content.decode()
    assert (
        'value="Leadership, Finance"' in page and f'src="/people/{mentee.user_id}/photo/"' in page
    )


def test_a_file_that_is_not_an_image_is_refused_and_the_answers_kept(client, mentee):
    client.force_login(mentee.user)
    fake = SimpleUploadedFile("me.jpg", b"<svg onload=alert(1)>")
    response = client.post("/profile/", {**profile_data(title="Head nurse"), "photo": fake})
    html = response.content.decode()
    assert "Upload a photo" in html and 'value="Head nurse"' in html
    assert not Profile.objects.get(user=mentee.user).photo
    assert Profile.objects.get(user=mentee.user).title != "Head nurse"


def test_the_next_matching_run_uses_the_new_areas(client, cohort):
    mentee = ParticipantFactory(cohort=cohort, role="mentee")
    mentor = ParticipantFactory(cohort=cohort, role="mentor")
    Profile.objects.filter(user=mentor.user).update(competence_areas=["Procurement"])
    before = cohort_matching_input(cohort)
    row, col = before.row(mentee.pk), before.mentors.participants.index(mentor)
    assert "procurement" not in str(explanation_details(before, row, col))
    client.force_login(mentee.user)
    client.post("/profile/", profile_data(competence_areas="Procurement"))
    after = cohort_matching_input(cohort)
    shared = explanation_details(after, after.row(mentee.pk), col)
    assert ["area", 20, ["procurement"]] in shared


def test_photo_is_seen_by_the_program_and_refused_to_others(client, mentee, mentor):
    client.force_login(mentee.user)
    client.post(
        "/profile/", {**profile_data(), "photo": SimpleUploadedFile("a.png", image_bytes())}
    )
    url = f"/people/{mentee.user_id}/photo/"
    client.force_login(mentor.user)  # in the same cohort
    assert client.get(url)["Content-Type"] == "image/jpeg"
    outsider = ParticipantFactory(cohort=CohortFactory(), role="mentor").user
    for who in (outsider, UserFactory()):
        client.force_login(who)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_profile_is_only_ever_ones_own(client, mentee, stranger):
    client.force_login(stranger)
    client.post("/profile/", profile_data(first_name="Hacker"))
    assert mentee.user.first_name != "Hacker"
    assert Profile.objects.get(user=stranger).title == "Nurse"  # their own changed only


def test_photo_is_in_the_export_and_gone_after_erasure(client, mentee):
    client.force_login(mentee.user)
    client.post(
        "/profile/", {**profile_data(), "photo": SimpleUploadedFile("a.png", image_bytes())}
    )
    fresh = type(mentee.user).objects.get(pk=mentee.user_id)
    assert personal_data(fresh)["profile"]["photo"] is True
    name = Profile.objects.get(user=mentee.user).photo.name
    storage = Profile.objects.get(user=mentee.user).photo.storage
    person_anonymise(user=fresh)
    assert not Profile.objects.get(user=mentee.user).photo
    assert not storage.exists(name)


def test_times_to_meet_in_the_profile_score_and_can_be_a_hard_rule(client, cohort):
    from matching.engine import blocked_reasons
    from matching.models import MatchingPolicy
    from matching.templatetags.matching_tags import explanation

    mentee = ParticipantFactory(cohort=cohort, role="mentee")
    evening = ParticipantFactory(cohort=cohort, role="mentor")
    unknown = ParticipantFactory(cohort=cohort, role="mentor")
    Profile.objects.filter(user=evening.user).update(availability=["tue_eve", "thu_eve"])
    client.force_login(mentee.user)
    client.post("/profile/", profile_data(availability=["mon_am", "tue_eve"]))

    assert Profile.objects.get(user=mentee.user).availability == ["mon_am", "tue_eve"]
    page = client.get("/profile/").content.decode()
    assert 'value="tue_eve"' in page and "Tuesday evening" in page
    data = cohort_matching_input(cohort)
    row, col = data.row(mentee.pk), data.column(evening.pk)
    lines = explanation(explanation_details(data, row, col))
    assert "+10 common times: Tuesday evening" in lines

    Profile.objects.filter(user=evening.user).update(availability=["sat_am"])
    MatchingPolicy.objects.create(program=cohort.program, common_time_required=True)
    data = cohort_matching_input(Cohort.objects.get(pk=cohort.pk))  # the policy anew
    assert blocked_reasons(data.scores, row, data.column(evening.pk)) == ["no_common_time"]
    assert blocked_reasons(data.scores, row, data.column(unknown.pk)) == []  # gave no times


def test_a_whole_day_in_common_is_named_as_the_day():
    from matching.templatetags.matching_tags import explanation

    rows = [["availability", 10, ["mon_am", "mon_pm", "mon_eve", "wed_eve"]]]
    assert explanation(rows) == ["+10 common times: Monday, Wednesday evening"]

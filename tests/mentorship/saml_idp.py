"""A SAML 2.0 identity provider on loopback, for the tests: a real HTTP server that reads
the service provider's AuthnRequest (HTTP-Redirect binding) and answers, for the person
the test logs in as, with a signed Response in a form that posts back to the service
provider (HTTP-POST binding), as ADFS or a municipal IdP does after its own login page.

The signing key and certificate are made for each server; the response is signed with
python3-saml's own signing helper (xmlsec), so the service provider checks a real
signature."""

from __future__ import annotations

import base64
import html
import re
import threading
import uuid
import zlib
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from onelogin.saml2.constants import OneLogin_Saml2_Constants
from onelogin.saml2.utils import OneLogin_Saml2_Utils

PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol"
ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion"
EMAIL = "urn:oid:0.9.2342.19200300.100.1.3"
GIVEN_NAME = "urn:oid:2.5.4.42"
SURNAME = "urn:oid:2.5.4.4"
EMAIL_VERIFIED = "http://schemas.auth0.com/email_verified"


def _key_and_certificate() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test idp")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM).decode()


def _instant(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class SamlIdp:
    """`people`: login name to their attributes (email, given name, surname, and
    whether the address is verified)."""

    def __init__(self, people: dict[str, dict[str, str]]) -> None:
        self.people = people
        self.key, self.certificate = _key_and_certificate()
        # The certificate as an IdP's metadata gives it: the base64 body alone.
        self.x509cert = "".join(
            line for line in self.certificate.splitlines() if "CERTIFICATE" not in line
        )
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.entity_id = f"{self.url}/metadata"
        self.sso_url = f"{self.url}/sso"
        self.tamper = False  # change the address after signing (a forged answer)

    def __enter__(self) -> SamlIdp:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def response(self, saml_request: str, person: str) -> tuple[str, str]:
        """(the ACS address, the base64 signed Response) for an AuthnRequest."""
        request = etree.fromstring(zlib.decompress(base64.b64decode(saml_request), -15))
        request_id = request.get("ID")
        acs = request.get("AssertionConsumerServiceURL")
        audience = request.find(f"{{{ASSERTION}}}Issuer").text
        attributes = self.people[person]
        now = datetime.now(UTC)
        values = {
            "id": uuid.uuid4().hex,
            "now": _instant(now),
            "before": _instant(now - timedelta(minutes=2)),
            "later": _instant(now + timedelta(minutes=5)),
            "acs": acs,
            "request": request_id,
            "issuer": self.entity_id,
            "audience": audience,
            "email": attributes["email"],
        }
        statements = "".join(
            f'<saml:Attribute Name="{name}"><saml:AttributeValue>{html.escape(value)}'
            "</saml:AttributeValue></saml:Attribute>"
            for name, value in (
                (EMAIL, attributes["email"]),
                (GIVEN_NAME, attributes.get("given_name", "")),
                (SURNAME, attributes.get("surname", "")),
                (EMAIL_VERIFIED, attributes.get("email_verified", "")),
            )
            if value
        )
        xml = (
            f'<samlp:Response xmlns:samlp="{PROTOCOL}" xmlns:saml="{ASSERTION}" '
            'ID="_r{id}" Version="2.0" IssueInstant="{now}" Destination="{acs}" '
            'InResponseTo="{request}">'
            "<saml:Issuer>{issuer}</saml:Issuer>"
            '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:'
            'Success"/></samlp:Status>'
            '<saml:Assertion ID="_a{id}" Version="2.0" IssueInstant="{now}">'
            "<saml:Issuer>{issuer}</saml:Issuer>"
            "<saml:Subject>"
            '<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">'
            "{email}</saml:NameID>"
            '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
            '<saml:SubjectConfirmationData NotOnOrAfter="{later}" Recipient="{acs}" '
            'InResponseTo="{request}"/></saml:SubjectConfirmation>'
            "</saml:Subject>"
            '<saml:Conditions NotBefore="{before}" NotOnOrAfter="{later}">'
            "<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience>"
            "</saml:AudienceRestriction></saml:Conditions>"
            '<saml:AuthnStatement AuthnInstant="{now}" SessionIndex="_s{id}">'
            "<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:"
            "ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>"
            "</saml:AuthnContext></saml:AuthnStatement>"
            "<saml:AttributeStatement>" + statements + "</saml:AttributeStatement>"
            "</saml:Assertion></samlp:Response>"
        ).format(**values)
        signed = OneLogin_Saml2_Utils.add_sign(
            xml,
            self.key,
            self.certificate,
            sign_algorithm=OneLogin_Saml2_Constants.RSA_SHA256,
            digest_algorithm=OneLogin_Saml2_Constants.SHA256,
        )
        if self.tamper:
            signed = signed.replace(attributes["email"].encode(), b"boss@kommunen.example")
        return acs, base64.b64encode(signed).decode()

    def _handler(self):
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = parse_qs(urlsplit(self.path).query)
                relay = query.get("RelayState", [""])[0]
                if "person" not in query:
                    # The IdP's own login page: one button per person.
                    hidden = "".join(
                        f'<input type="hidden" name="{name}" value="{html.escape(value[0])}">'
                        for name, value in query.items()
                    )
                    buttons = "".join(
                        f'<button name="person" value="{name}">{name}</button>'
                        for name in idp.people
                    )
                    body = f'<form method="get" action="/sso">{hidden}{buttons}</form>'.encode()
                else:
                    acs, response = idp.response(query["SAMLRequest"][0], query["person"][0])
                    # A real IdP posts this at once with a script; a button here.
                    body = (
                        f'<form method="post" action="{html.escape(acs)}">'
                        f'<input name="SAMLResponse" value="{response}">'
                        f'<input name="RelayState" value="{html.escape(relay)}">'
                        "<button>Continue</button></form>"
                    ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        return Handler


def provider_for(idp: SamlIdp, slug: str, name: str):
    """The organisation's identity provider as a superuser adds it: an allauth social
    application of the SAML type for this IdP, serving the current site."""
    from allauth.socialaccount.models import SocialApp
    from django.contrib.sites.models import Site

    app = SocialApp.objects.create(
        provider="saml",
        provider_id=slug,
        name=name,
        client_id=slug,
        settings={
            "idp": {"entity_id": idp.entity_id, "sso_url": idp.sso_url, "x509cert": idp.x509cert}
        },
    )
    app.sites.add(Site.objects.get_current())
    return app


def posted_form(page: str) -> tuple[str, dict[str, str]]:
    """The action and fields of the IdP's answer form."""
    action = html.unescape(re.search(r'action="([^"]+)"', page).group(1))
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input name="([^"]+)" value="([^"]*)"', page)
    }
    return action, fields

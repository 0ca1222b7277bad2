"""`{% layout_form form %}`: a crispy layout (Fieldset, Div, HTML, field names) rendered
with Bootstrap 5's markup in Python, the same HTML crispy-bootstrap5 writes (ids
`div_id_<name>`, `error_1_id_<name>`, `id_<name>_helptext`, aria-describedby and
aria-invalid on the input).

Why not `{% crispy %}`: on the public application form, crispy's nested field templates
took 78 % of the page's time (about 20 template renders per field); this renders the
same markup for a tenth of it. Forms keep their crispy `FormHelper` layout; only the
hot public pages use this tag.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms, template
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.template import Template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

CHOICE_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)
# Widgets written out here; any other (a file input) goes through Django's templates.
PLAIN_WIDGETS = {
    forms.TextInput,
    forms.EmailInput,
    forms.NumberInput,
    forms.DateInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.CheckboxInput,
    forms.Textarea,
    forms.Select,
}


def _described_by(field: BoundField) -> list[str]:
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    return ids


def _errors(field: BoundField, *, block: bool = False) -> SafeString:
    if not field.errors:
        return mark_safe("")
    spans = format_html_join(
        "",
        '<span id="error_{}_{}"><strong>{}</strong></span>',
        ((n, field.auto_id, error) for n, error in enumerate(field.errors, start=1)),
    )
    css = "invalid-feedback d-block" if block else "invalid-feedback"
    return format_html('<div id="{}_error" class="{}">{}</div>', field.auto_id, css, spans)


def _help(field: BoundField) -> SafeString:
    if not field.help_text:
        return mark_safe("")
    return format_html(
        '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, field.help_text
    )


def _label_text(field: BoundField) -> SafeString:
    if field.field.required:
        return format_html('{}<span class="asteriskField">*</span>', field.label)
    return conditional_escape(field.label)


def _choices(field: BoundField) -> SafeString:
    """Each option as Bootstrap's form-check, built here rather than by a template each."""
    widget = field.field.widget
    kind = "checkbox" if isinstance(widget, forms.CheckboxSelectMultiple) else "radio"
    value = field.value()
    chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
    invalid = " is-invalid" if field.errors else ""
    required = " required" if kind == "radio" and field.field.required else ""
    rows = []
    for index, (choice, label) in enumerate(field.field.choices):
        option_id = f"{field.auto_id}_{index}"
        checked = " checked" if str(choice) in chosen else ""
        rows.append(
            format_html(
                '<div class="form-check"><input type="{}" class="form-check-input{}" '
                'name="{}" value="{}" id="{}"{}{}><label for="{}" class="form-check-label">'
                "{}</label></div>",
                kind,
                invalid,
                field.html_name,
                choice,
                option_id,
                mark_safe(checked),
                mark_safe(required),
                option_id,
                label,
            )
        )
    described = " ".join(_described_by(field))
    return format_html(
        '<div id="div_id_{}" class="mb-3"><fieldset{}><legend class="form-label fs-6">{}'
        "</legend><div>{}</div>{}{}</fieldset></div>",
        field.html_name,
        format_html(' aria-describedby="{}"', described) if described else "",
        _label_text(field),
        mark_safe("".join(rows)),
        _errors(field, block=True),
        _help(field),
    )


def _widget(field: BoundField, css: str) -> SafeString:
    attrs: dict[str, Any] = {"class": css + (" is-invalid" if field.errors else "")}
    described = _described_by(field)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    widget = field.field.widget
    if type(widget) not in PLAIN_WIDGETS:
        return field.as_widget(attrs=attrs)  # a file input and the like: Django's template
    # The widget's own context (its value, maxlength, required, id), written out here
    # instead of by a template per input and per option.
    attrs = field.build_widget_attrs({**widget.attrs, **attrs})
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if isinstance(widget, forms.Select):
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected" if option["selected"] else ""),
                    option["label"],
                )
                for _group, group_options, _index in context["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', context["name"], flatatt(context["attrs"]), options
        )
    if isinstance(widget, forms.Textarea):
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            context["name"],
            flatatt(context["attrs"]),
            context["value"] or "",
        )
    value = context["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        context["type"],
        context["name"],
        format_html(' value="{}"', value) if value not in (None, "") else "",
        flatatt(context["attrs"]),
    )


def render_field(field: BoundField) -> SafeString:
    """One field with its label, errors and help text, as crispy-bootstrap5 marks it up."""
    widget = field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return field.as_widget()
    if isinstance(widget, CHOICE_WIDGETS):
        return _choices(field)
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div id="div_id_{}" class="mb-3 form-check">{}<label for="{}" '
            'class="form-check-label">{}</label>{}{}</div>',
            field.html_name,
            _widget(field, "checkboxinput form-check-input"),
            field.id_for_label,
            _label_text(field),
            _errors(field),
            _help(field),
        )
    css = "form-select" if isinstance(widget, forms.Select) else "form-control"
    return format_html(
        '<div id="div_id_{}" class="mb-3"><label for="{}" class="form-label{}">{}</label>'
        "{}{}{}</div>",
        field.html_name,
        field.id_for_label,
        " requiredField" if field.field.required else "",
        _label_text(field),
        _widget(field, css),
        _errors(field),
        _help(field),
    )


def _render(item: Any, form: forms.Form, context: template.Context) -> str:
    if isinstance(item, str):
        return render_field(form[item]) if item in form.fields else ""
    if isinstance(item, HTML):
        return Template(item.html).render(context)
    inner = "".join(_render(child, form, context) for child in item.fields)
    if isinstance(item, Fieldset):
        return format_html(
            "<fieldset><legend>{}</legend>{}</fieldset>", item.legend, mark_safe(inner)
        )
    if isinstance(item, Div):
        # crispy keeps a Div's extra attributes already flattened (` aria-hidden="true"`).
        return format_html(
            '<div class="{}"{}>{}</div>',
            item.css_class or "",
            mark_safe(item.flat_attrs),
            mark_safe(inner),
        )
    if isinstance(item, Layout):
        return inner
    raise TypeError(f"layout_form cannot render {type(item).__name__}")


@register.simple_tag(takes_context=True)
def layout_form(context: template.Context, form: forms.Form) -> SafeString:
    """The form's crispy layout; its HTML pieces see the page's context."""
    with context.push(form=form):
        return mark_safe(_render(form.helper.layout, form, context))

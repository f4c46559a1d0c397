"""The brief's own words in English and Arabic: headings, labels and the schema's vocabulary,
so a brief in Arabic has no English heading and one in English no Arabic label."""

from __future__ import annotations

from brief.annotations.vocabulary import RELIABILITY_MEANING, SECTION_TITLES
from brief.export.document import Inline, Run

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "brief": "Brief",
        "all": "all articles",
        "generated": "Generated",
        "query": "query",
        "articles_count": "articles",
        "article_count_one": "article",
        "key_judgements": "Key judgements",
        "gaps": "Gaps: what is still unknown",
        "collection_needs": "Collection needs",
        "bottom_line": "Bottom line",
        "no_summary": "no summary yet",
        "events": "Events",
        "decisions": "Decisions",
        "other_decisions": "Decisions at no named event",
        "no_decisions": "No decision is recorded at this event.",
        "timeline": "Timeline",
        "discrepancies": "Discrepancies between sources",
        "sources": "Sources",
        "detail": "The articles in detail",
        "people": "People and organizations",
        "notes": "Notes",
        "summary": "Summary",
        "when": "When",
        "where": "Where",
        "participants": "Who took part",
        "follows": "Follows",
        "reported": "Reported in",
        "kind": "Kind",
        "number": "no.",
        "evidence": "evidence",
        "note": "note",
        "by": "by",
        "this_article": "this article",
        "others": "other articles",
        "about": "about",
        "unknown": "unknown",
        "undated": "undated",
        "date": "Date",
        "certainty": "Certainty",
        "what": "What",
        "article": "Article",
        "title": "Title",
        "outlet": "Outlet",
        "agency": "Agency",
        "author": "Author",
        "dateline": "Dateline",
        "published": "Published",
        "retrieved": "Retrieved",
        "url": "URL",
        "reliability": "Reliability",
        "source": "Source",
        "paragraphs": "paragraphs",
        "field": "Field",
        "value": "Value",
        "entity": "Entity",
        "arabic": "Arabic",
        "aliases": "Aliases",
        "no_annotations": "No annotations yet.",
        "no_events": "No event is recorded in these articles.",
        "no_dates": "No date is recorded in these articles.",
        "no_people": "No person or organization is recorded in these articles.",
        "no_discrepancies": "No discrepancy is recorded in these articles.",
        "in_english": "",
        "warning": "⚠ ",
    },
    "ar": {
        "brief": "موجز",
        "all": "كل المقالات",
        "generated": "أُعد في",
        "query": "الاستعلام",
        "articles_count": "مقالات",
        "article_count_one": "مقالة",
        "key_judgements": "الأحكام الرئيسية",
        "gaps": "الثغرات: ما لا يزال مجهولًا",
        "collection_needs": "احتياجات جمع المعلومات",
        "bottom_line": "الخلاصة",
        "no_summary": "لا ملخص بعد",
        "events": "الأحداث",
        "decisions": "القرارات",
        "other_decisions": "قرارات دون حدث محدد",
        "no_decisions": "لا قرار مسجلًا في هذا الحدث.",
        "timeline": "التسلسل الزمني",
        "discrepancies": "التباينات بين المصادر",
        "sources": "المصادر",
        "detail": "المقالات بالتفصيل",
        "people": "الأشخاص والهيئات",
        "notes": "ملاحظات",
        "summary": "الملخص",
        "when": "متى",
        "where": "أين",
        "participants": "المشاركون",
        "follows": "يلي",
        "reported": "ورد في",
        "kind": "النوع",
        "number": "رقم",
        "evidence": "الدليل",
        "note": "ملاحظة",
        "by": "من",
        "this_article": "هذا المقال",
        "others": "مقالات أخرى",
        "about": "بشأن",
        "unknown": "غير معروف",
        "undated": "غير مؤرخ",
        "date": "التاريخ",
        "certainty": "درجة اليقين",
        "what": "ماذا",
        "article": "المقال",
        "title": "العنوان",
        "outlet": "الوسيلة الإعلامية",
        "agency": "الوكالة",
        "author": "الكاتب",
        "dateline": "مكان الإرسال",
        "published": "تاريخ النشر",
        "retrieved": "تاريخ الجلب",
        "url": "الرابط",
        "reliability": "الموثوقية",
        "source": "المصدر",
        "paragraphs": "فقرة",
        "field": "الحقل",
        "value": "القيمة",
        "entity": "الجهة",
        "arabic": "بالعربية",
        "aliases": "أسماء أخرى",
        "no_annotations": "لا تعليقات توضيحية بعد.",
        "no_events": "لا حدث مسجلًا في هذه المقالات.",
        "no_dates": "لا تاريخ مسجلًا في هذه المقالات.",
        "no_people": "لا شخص ولا منظمة مسجلين في هذه المقالات.",
        "no_discrepancies": "لا تباين مسجلًا في هذه المقالات.",
        "in_english": " (بالإنجليزية)",
        "warning": "⚠ ",
    },
}

VOCABULARY: dict[str, dict[str, str]] = {  # the schema's values, in Arabic
    "ar": {
        "stated": "مذكور",
        "inferred": "مستنتج",
        "approximate": "تقريبي",
        "unknown": "غير معروف",
        "decision": "قرار",
        "recommendation": "توصية",
        "proposal": "مقترح",
        "announcement": "إعلان",
        "statement": "تصريح",
        "proposed": "مقترح",
        "recommended": "موصى به",
        "called-for": "مدعو إليه",
        "adopted": "مُقر",
        "approved": "موافق عليه",
        "set": "موضوع",
        "announced": "معلن",
        "welcomed": "مرحب به",
        "under-study": "قيد الدراسة",
        "referred": "محال",
        "conference": "مؤتمر",
        "session": "دورة",
        "meeting": "اجتماع",
        "workshop": "ورشة عمل",
        "exercise": "تمرين",
        "other": "أخرى",
    }
}
RELIABILITY_AR = {
    "A": "موثوق تمامًا",
    "B": "موثوق عادة",
    "C": "موثوق إلى حد ما",
    "D": "غير موثوق عادة",
    "E": "غير موثوق",
    "F": "لا يمكن الحكم على موثوقيته",
}


def page_language(lang: str) -> str:
    """The language of the brief's own words: Arabic for --lang ar, else English."""
    return "ar" if lang == "ar" else "en"


def label(lang: str, key: str) -> str:
    return LABELS[page_language(lang)][key]


def word(lang: str, value: str) -> str:
    """A value of the schema's vocabulary (stated, adopted, conference…) in the page's words."""
    return VOCABULARY.get(page_language(lang), {}).get(value, value)


def section_title(lang: str, section: str) -> str:
    return SECTION_TITLES[page_language(lang)][section]  # type: ignore[index]


def reliability(lang: str, grade: str | None) -> str:
    if grade is None:
        return label(lang, "unknown")
    meaning = RELIABILITY_AR[grade] if page_language(lang) == "ar" else RELIABILITY_MEANING[grade]
    return f"{grade} ({meaning})"


def words(lang: str, text: str, strong: bool = False) -> Run:
    """The brief's own words as a run in the page's language."""
    return Run(text, page_language(lang), strong)


def labelled(lang: str, key: str, value: Inline) -> Inline:
    return (words(lang, f"{label(lang, key)}: "), *value)

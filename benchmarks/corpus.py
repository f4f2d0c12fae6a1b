"""Realistic synthetic drafts for benchmarks: 300–800 characters, good and bad, German and English."""

from __future__ import annotations

import random

_DE = {
    "greeting": ["Hallo Frau Berger,", "Sehr geehrter Herr Dr. Schmidt,", "Liebe Anna,", "Guten Tag Herr Öztürk,",
                 "Hallo,", "Sehr geehrte Damen und Herren,", "Moin Jan,"],
    "body": [
        "wir haben uns letzte Woche auf dem Barcamp in Köln nach Ihrem Vortrag über Barrierefreiheit unterhalten.",
        "Herr Yilmaz hat mir empfohlen, mich bei Ihnen zu melden.",
        "Ich schreibe Ihnen, weil wir gerade die Website unseres Vereins überarbeiten.",
        "Aktuell bereite ich einen Workshop zu Datenschutz im Mittelstand vor.",
        "Gern schicke ich Ihnen im Gegenzug unsere Testergebnisse mit Screenreadern.",
        "Ihre Checkliste zur Barrierefreiheit ist genau das, was uns noch fehlt.",
        "Hätten Sie Lust, sich zu vernetzen?",
        "Wären Sie offen für ein kurzes Telefonat in der nächsten Woche?",
        "Sie haben mein Profil besucht und XING meint, dass wir uns kennen könnten.",
        "Ich baue gerade ein Netzwerk von Experten auf und würde Sie gern in meinem Netzwerk haben.",
        "Vielleicht ergeben sich ja wertvolle Synergien – man weiß ja nie.",
        "Ihr Profil liest sich sehr interessant und passt gut zu unserem Angebot.",
        "Wir sind beide in der XING-Gruppe Immobilienwirtschaft Rhein-Main.",
        "Können Sie sich vorstellen, dass unsere Software etwas für Sie ist?",
        "Unser Team hat in den letzten Jahren über zweihundert Projekte erfolgreich abgeschlossen.",
        "Ich arbeite seit fünfzehn Jahren als Beraterin für Prozessoptimierung in der Logistikbranche.",
    ],
    "close": ["Vielen Dank und viele Grüße\nJonas Weber", "Beste Grüße\nPetra", "Mit freundlichen Grüßen\nM. Lange",
              "Danke!", ""],
}
_EN = {
    "greeting": ["Hi Priya,", "Dear Dr. Osei,", "Hello Mr. Smith,", "Hi there,", "Hello,", "Hey Tom,"],
    "body": [
        "we met last Thursday at the DevOps meetup in Leeds and talked about flaky integration tests.",
        "Maria Lopez suggested I get in touch with you.",
        "I'm writing because we're rolling out contract testing this month.",
        "In return I'd be happy to share our migration notes and the scripts we wrote.",
        "Would you be open to a short call next week?",
        "I came across your profile and LinkedIn suggested I connect with you.",
        "I'm building a network of experts and I'd like to have you in my network.",
        "Maybe something will come of it, you never know.",
        "Our solution helps companies like yours cut costs by thirty percent.",
        "I have been working as a consultant for supply chain analytics for fifteen years.",
        "Your checklist on accessibility is exactly what our team is missing right now.",
    ],
    "close": ["Thanks and best regards,\nTom", "Kind regards,\nSam", "Cheers", ""],
}


def make_drafts(count: int, *, seed: int = 7, english_share: float = 0.3) -> list[str]:
    """``count`` drafts between 300 and 800 characters, reproducible for a given seed."""
    rng = random.Random(seed)
    drafts: list[str] = []
    while len(drafts) < count:
        pool = _EN if rng.random() < english_share else _DE
        body = rng.sample(pool["body"], k=len(pool["body"]))
        parts = [rng.choice(pool["greeting"]), ""]
        sentences: list[str] = []
        for sentence in body:
            sentences.append(sentence)
            if len(" ".join(sentences)) > rng.randint(260, 620):
                break
        parts.append(" ".join(sentences))
        parts += ["", rng.choice(pool["close"])]
        draft = "\n".join(parts).strip()
        if 300 <= len(draft) <= 800:
            drafts.append(draft)
    return drafts

# Klarspråk for ansatte: LIX og ordliste.
plain-title = Er teksten lett å lese?
plain-intro = Lim inn en tekst som familien skal lese. Du får LIX-tallet og enklere ord fra kommunens ordliste. 40 eller lavere er lett å lese.
plain-language = Språk
plain-language-nb = Bokmål
plain-language-nn = Nynorsk
plain-language-da = Dansk
plain-text = Tekst
plain-check = Sjekk teksten
plain-score = LIX: { $score }
plain-ok = Teksten er lett å lese.
plain-hard = Teksten er tung å lese. Skriv kortere setninger og bruk kortere ord.
plain-counts = { $words } ord i { $sentences } setninger.
plain-suggestions = Forslag til enklere ord
plain-glossary-title = Ordliste for klarspråk
plain-glossary-intro = Fagord med hverdagsord for dem. Ansatte får forslag fra lista når de skriver til familier.
plain-term = Fagord
plain-plain = Hverdagsord
plain-remove = Fjern
plain-add = Legg til et ord
plain-save = Lagre
admin-glossary = Ordliste
plain-error-term = Skriv fagordet med bokstaver (høyst 80 tegn).
plain-error-plain = Skriv hverdagsordene (høyst 200 tegn).
plain-error-language = Velg bokmål, nynorsk eller dansk.
plain-plan-hint = Familien leser planen. Skriv kort og enkelt.

plain-check-field = Sjekk språket

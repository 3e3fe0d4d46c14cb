# Loggen slik familien les han, og varsel. Skriv kort og enkelt: LIX 40 eller lågare.
portal-link-log = Loggen vår
portal-log-page-title = Loggen vår
portal-log-intro = Her ser du det vi skriv ned om barnet. Alle som hjelper, skriv i den same loggen.
portal-log-none = Det er ingen logg enno.
portal-log-level = Nivå { $level }
portal-log-level-1 = Éi teneste hjelper barnet.
portal-log-level-2 = To tenester hjelper barnet saman.
portal-log-level-3 = Fleire tenester hjelper barnet saman.
portal-log-opened = Loggen starta { $day }.
portal-log-closed = Loggen vart lukka { $day }.
portal-log-holder = Den som har ansvaret
portal-log-holder-none = Ingen har ansvaret no.
portal-log-email = E-post:
portal-log-phone = Telefon:
portal-log-goals = Måla
portal-log-goals-none = Ingen mål enno.
portal-log-measures = Det vi gjer
portal-log-measures-none = Ingenting enno.
portal-log-measure-who = Ansvar: { $name }, { $unit }.
portal-log-measure-due = Vi ser på det igjen { $day }.
portal-log-measure-ended = Det er slutt no.
portal-log-evaluations = Slik gjekk det
portal-log-evaluations-none = Vi har ikkje sett på det enno.
portal-log-outcome-continue = Vi gjer det vidare.
portal-log-outcome-change = Vi gjer det på ein ny måte.
portal-log-outcome-end = Vi sluttar med det.
portal-log-next = Neste gong: { $day }.
portal-log-meetings = Møta våre
portal-log-entries = Det vi har skrive
portal-log-entries-none = Ingenting enno.
portal-log-kind-concern = Det vi såg
portal-log-kind-agreement = Det vi vart samde om
portal-log-kind-participant = Med i laget
portal-log-kind-observation = Noko som gjekk bra
portal-log-kind-family-note = Det de sa
portal-log-kind-other = Notat
portal-log-withheld-title = Det som ikkje blir vist
portal-log-withheld-health = Det finst helseopplysningar som ikkje blir viste her.
portal-log-withheld-school = Det finst opplysningar frå skulen som ikkje blir viste her.
portal-log-withheld-other = Det finst opplysningar som ikkje blir viste her.
portal-log-withheld-why = Spør den som har ansvaret, om du vil vite meir.

portal-link-notices = Få beskjed når det er noko nytt
portal-notices-title = Få beskjed når det er noko nytt
portal-notices-intro = Vi sender deg ein kort beskjed når det er noko nytt om barnet ditt. Då kan du logge inn og lese. I beskjeden står det ikkje kven han gjeld.
portal-notices-email = E-post
portal-notices-phone = Mobil (SMS)
portal-notices-hint = La feltet stå tomt om du ikkje vil ha beskjed slik.
portal-notices-save = Lagre
portal-notices-remove = Ta bort begge
portal-notices-saved = Det er lagra.
portal-notices-removed = Vi sender deg ingen beskjed no.
portal-notices-bad-email = Det er ikkje ein e-post vi kan sende til. Sjå etter, og prøv igjen.
portal-notices-bad-phone = Det er ikkje eit nummer vi kan sende til. Skriv 8 til 15 tal.

family-notice-subject = Det er noko nytt på Familiesidene
family-notice-body = Hei!

    Det er noko nytt om barnet ditt på Familiesidene.
    Logg inn for å lese det: { $link }

    Vi skriv ikkje meir her. Slik passar vi på dykk.
family-notice-sms = Det er noko nytt om barnet ditt på Familiesidene: { $link }

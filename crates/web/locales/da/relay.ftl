# Concerns, relay logs and the holder's desk.
nav-my = Min opfølgning
relay-back-to-child = Tilbage til barnet
relay-back-to-my = Til min opfølgning
relay-back-to-log = Tilbage til stafetloggen

case-title = Opfølgning
case-open-log = Åbn stafetloggen
case-no-log = Barnet har ingen åben stafetlog.
case-concerns = Undren
case-closed-logs = Tidligere stafetlogs
case-raise = Notér en undren

concern-new-title = Notér en undren
concern-new-intro = Skriv, hvad du har set eller hørt, som får dig til at undre dig. Derefter har I 14 dage til at beslutte, hvad der skal ske.
concern-text = Hvad har du set eller hørt?
concern-text-hint = Beskriv det, du har observeret, ikke hvordan du tolker det. Familien kan få det at læse.
concern-unit = Fra enhed
concern-submit = Gem undren
concern-title = Undren
concern-done-raised = Undren er gemt, og fristen for at beslutte den videre opfølgning løber.
concern-done-closed = Undren er afsluttet.
concern-done-report = Beslutningen er gemt: der skal sendes en underretning til kommunen.
concern-raised-by = Noteret af
concern-deadline = Frist for at beslutte
concern-note = Begrundelse
concern-open-log = Gå til stafetloggen
concern-report-next = Skriv underretningen til kommunen. Underretningspligten gælder uden samtykke.
concern-decide = Beslut den videre opfølgning
concern-decide-intro = Tal først med forældrene og en kollega eller leder. Hvis I starter en stafetlog, får du stafetten.
concern-decision = Hvad skal der ske?
concern-decision-level-1 = Starte en stafetlog på niveau 1: indsats i egen tjeneste
concern-decision-level-2 = Starte en stafetlog på niveau 2: samarbejde med en anden tjeneste
concern-decision-level-3 = Starte en stafetlog på niveau 3: flere tjenester samarbejder
concern-decision-close = Afslutte: der er ikke brug for mere opfølgning
concern-decision-report = Sende en underretning til kommunen
concern-decide-submit = Gem beslutningen
concern-error-choose = Vælg, hvad der skal ske.
concern-decided-close = Afsluttet
concern-decided-report = Underretning til kommunen
concern-decided-log = Stafetlog startet på niveau { $level }
concern-overdue = { $days ->
    [one] Fristen udløb for 1 dag siden
   *[other] Fristen udløb for { $days } dage siden
}
concern-days-left = { $days ->
    [one] 1 dag tilbage til fristen
   *[other] { $days } dage tilbage til fristen
}

log-title = Stafetlog
log-level = Niveau
log-level-n = Niveau { $level }
log-holder = Stafetholder
log-opened = Startet
log-status = Status
log-status-open = Åben
log-status-closed = Afsluttet
log-overdue-count = { $count ->
    [one] 1 evaluering er forsinket
   *[other] { $count } evalueringer er forsinket
}
log-offer = Stafetten
log-offer-waiting = Tilbudt { $name } ({ $unit }), venter på svar
log-print = Udskrift
log-archive = Arkivkopi
log-archive-json = Arkivkopi som JSON
log-level-3-hint = På niveau 3 skal I vurdere, hvem der bør have stafetten, og om barnet har brug for en individuel plan.
log-measures = Indsatser
log-no-measures = Ingen indsatser endnu.
log-next-evaluation = Næste evaluering
log-measure-status = Status
measure-ended = Afsluttet
measure-overdue = Evaluering forsinket
measure-running = I gang
log-write = Skriv i loggen
log-holder-actions = For stafetholderen
log-timeline = Hele loggen
log-done-opened = Stafetloggen er startet. Du har stafetten.
log-done-entry = Gemt i loggen.
log-done-level = Niveauet er ændret.
log-done-offered = Stafetten er tilbudt. Du har den, indtil den bliver taget imod.
log-done-accepted = Du har taget imod stafetten.
log-done-declined = Du har sagt nej tak. Stafetholderen har stadig stafetten.
log-done-withdrawn = Tilbuddet er trukket tilbage.
log-done-closed = Stafetloggen er afsluttet, og arkivkopien er lavet.

entry-concern = Undren
entry-goal = Mål
entry-measure = Indsats
entry-evaluation = Evaluering
entry-agreement = Aftale
entry-participant = Deltagende tjeneste
entry-observation = Lyspunkt
entry-family-note = Familiens stemme
add-entry-concern = Tilføj en undren
add-entry-goal = Tilføj et mål
add-entry-measure = Tilføj en indsats
add-entry-evaluation = Evaluér en indsats
add-entry-agreement = Tilføj en aftale
add-entry-participant = Tilføj en deltagende tjeneste
add-entry-observation = Tilføj et lyspunkt
add-entry-family-note = Skriv ned, hvad familien siger
entry-areas = Udviklingsområder
entry-since = Siden hvornår
entry-what = Hvad skal der gøres
entry-responsible = Ansvarlig
entry-start = Start
entry-evaluate-by = Evalueres senest
entry-no-goal = Ikke knyttet til et mål
entry-outcome = Hvad nu?
entry-learned = Hvad har I lært?
entry-next-evaluation = Næste evaluering
entry-next-evaluation-hint = Skal udfyldes, når indsatsen fortsætter eller ændres.
entry-unit = Enhed
entry-task = Opgave
entry-who = Hvem i familien
entry-text = Tekst
entry-save = Gem
entry-save-correction = Gem rettelsen
entry-superseded = Rettet senere.
entry-see-correction = Se rettelsen
entry-corrects = Retter et tidligere notat.
entry-see-original = Se det oprindelige
entry-correct = Ret dette notat
correct-title = Ret et notat
correct-intro = Intet slettes. Rettelsen bliver et nyt notat, der erstatter det gamle, og begge vises i loggen.
correct-new-version = Ny version

area-language = Sprog
area-social = Socialt samspil
area-emotional = Følelser og trivsel
area-physical = Sundhed og motorik
area-learning = Læring
area-attendance = Fremmøde
area-family = Familiens situation
area-other = Andet

outcome-continue = Fortsætte
outcome-change = Ændre
outcome-end = Afslutte

level-change = Ændr niveau
level-new = Nyt niveau
level-reason = Hvorfor?
level-submit = Ændr niveau

offer-title = Giv stafetten videre
offer-intro = Den, du tilbyder stafetten, skal tage imod den. Indtil da har du den.
offer-none = Ingen andre kan tage imod stafetten nu. Barnet skal gå i enheden, eller familiens samtykke skal omfatte den.
offer-to = Til
offer-family-wish = Familiens ønske
offer-is-transition = Dette er en overgang (for eksempel fra daginstitution til skole)
transition-checklist = Tjekliste for overgangen
transition-note = Hvad følger med barnet?
transition-done = Gjort
transition-missing = Ikke gjort endnu
offer-submit = Tilbyd stafetten
offer-withdraw = Træk tilbuddet tilbage
checklist-family-agreed = Familien er enig i, hvad der følger med
checklist-child-heard = Barnet er blevet hørt om overgangen
checklist-transition-meeting = Der er holdt overgangsmøde
checklist-measures-reviewed = Mål og indsatser er gennemgået
checklist-what-works-shared = Det, der virker for barnet, er skrevet ned
checklist-adaptations-ready = Tilpasningerne er klar i den nye tjeneste

answer-title = Du har fået tilbudt stafetten
answer-intro = { $name } vil give dig stafetten i { $unit }.
answer-transition = Dette er en overgang. Se tjeklisten i loggen.
answer-reason = Kommentar (valgfri)
answer-accept = Tag imod
answer-decline = Sig nej tak

close-title = Afslut stafetloggen
close-intro = Når loggen afsluttes, laves der en arkivkopi af hele loggen.
close-reason = Hvorfor afsluttes den?
close-note = Kommentar
close-submit = Afslut
close-error-reason = Vælg, hvorfor stafetloggen afsluttes.
closing-goals-reached = Målene er nået
closing-consent-withdrawn = Samtykket er trukket tilbage
closing-moved-to-individual-plan = Videre arbejde i en individuel plan

event-opened = Stafetloggen blev startet på niveau { $level }
event-level-changed = Niveauet blev ændret fra { $from } til { $to }
event-baton-offered = Stafetten blev tilbudt { $name } ({ $unit })
event-transition-offered = Overgang: stafetten blev tilbudt { $name } ({ $unit })
event-baton-accepted = { $name } tog imod stafetten
event-baton-declined = { $name } sagde nej tak til stafetten
event-baton-withdrawn = Tilbuddet om stafetten blev trukket tilbage
event-closed = Stafetloggen blev afsluttet: { $reason }
archive-copy = Arkivkopi lavet
print-printed = Udskrevet

my-title = Min opfølgning
my-intro = Det, der venter på dig: stafetter, du har fået tilbudt, dine stafetlogs og undren, der venter på en beslutning.
my-reminders = Påmindelser
my-reminder-done = Markér som set
my-offers = Tilbudt dig
my-no-offers = Ingen stafetter venter på svar fra dig.
my-offered-by = fra
my-shared = Delt med din enhed
my-shared-intro = Familien har givet samtykke til, at din enhed kan følge disse børn i stafetloggen.
my-shared-holder = stafetholder
my-logs = Dine stafetlogs
my-no-logs = Du har ingen stafetter lige nu.
my-concerns = Undren, du har noteret
my-no-concerns = Ingen undren venter på en beslutning.
my-overdue-since = Evaluering forsinket siden { $date }
my-next-evaluation = { $date }
notice-evaluation-due = Tid til at evaluere en indsats for { $child }: { $detail }
notice-concern-deadline = Fristen for undren om { $child } udløb den { $detail }
my-consents = Samtykker, der snart udløber
my-consents-intro = Når et samtykke udløber, kan de andre tilbud ikke længere se stafetloggen. Tal med familien i god tid.
my-consent-ends = Samtykket for { $child } udløber { $date }

# Who may read an entry (field groups).
entry-category = Hvem må læse dette?
entry-category-hint = Helbreds- og skoleoplysninger vises kun for dig, din enhed og de enheder, familien har givet samtykke til, at de får sådanne oplysninger.
entry-kept-choice-relay-log = Alle, der følger barnet i stafetloggen
entry-kept-choice-health = Helbredsoplysninger: kun enheder med samtykke til helbredsoplysninger
entry-kept-choice-school = Skoleoplysninger: kun enheder med samtykke til skoleoplysninger
entry-kept-health = Helbredsoplysninger – vises kun for enheder med samtykke
entry-kept-school = Skoleoplysninger – vises kun for enheder med samtykke
log-withheld = { $count ->
    [one] Én notering vises ikke for dig
   *[other] { $count } noteringer vises ikke for dig
  } ({ $categories }). Familiens samtykke giver ikke din enhed adgang til sådanne oplysninger. Spørg den, der har stafetten, om familien vil udvide samtykket.

# When a unit loses a log (consent withdrawn or expired, refused, enrolment only).
event-baton-returned = Stafetten gik tilbage til { $name } ({ $unit })
event-offer-ended = Tilbuddet om stafetten blev afsluttet
access-ended-consent-withdrawn = Familien trak samtykket tilbage, som gav { $unit } adgang. { $name } kan ikke længere se loggen.
access-ended-consent-expired = Samtykket, som gav { $unit } adgang, udløb. { $name } kan ikke længere se loggen.
access-ended-refused = Familien har sagt nej til { $unit }. { $name } kan ikke længere se loggen.
access-ended-enrolment-only = { $unit } havde kun loggen, fordi barnet går der. Det giver ikke længere adgang.
notice-baton-taken-back = Du har ikke længere stafetten i en stafetlog, fordi { $detail }. Den gik tilbage til { $unit }.
notice-offer-ended = Tilbuddet til dig om en stafet er afsluttet, fordi { $detail }. Loggen hører til { $unit }.
notice-log-access-ended = Du kan ikke længere se en stafetlog, som hører til { $unit }, fordi { $detail }.
notice-baton-returned = Stafetten for { $child } er tilbage hos dig, fordi { $detail }.
notice-access-ended-consent-withdrawn = familien trak samtykket tilbage
notice-access-ended-consent-expired = samtykket udløb
notice-access-ended-refused = familien har sagt nej til enheden
notice-access-ended-enrolment-only = at barnet går i en enhed, giver ikke længere adgang til en anden tjenestes log

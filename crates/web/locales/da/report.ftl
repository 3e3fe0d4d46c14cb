# Reports to child welfare under the duty to report (underretningspligt).
nav-reports = Underretninger

# The statutory grounds a–d, in plain words.
ground-mistreatment = Barnet bliver mishandlet eller groft forsømt, for eksempel udsat for vold eller overgreb, eller får ikke den daglige omsorg, det har brug for.
ground-untreated-needs = Barnet er alvorligt sygt eller skadet eller har særlige behov og får ikke den undersøgelse, behandling eller undervisning, det har brug for.
ground-serious-behaviour = Barnet viser alvorlige adfærdsproblemer, for eksempel gentagen kriminalitet, misbrug eller anden alvorlig normløs adfærd.
ground-trafficking = Barnet bliver udnyttet til menneskehandel.

# What child welfare decided.
report-outcome-investigate = Kommunen indleder en undersøgelse
report-outcome-dismiss = Afsluttet efter gennemgang

# Why a report could not be sent or changed.
report-error-ground = Sæt kryds ved mindst ét af grundlagene.
report-error-unknown-ground = Grundlaget findes ikke i loven. Vælg mellem a, b, c og d.
report-error-text = Skriv, hvad du har set eller hørt.
report-error-too-long = Teksten er for lang. Forkort den til 4000 tegn.
report-error-bad-text = Teksten indeholder tegn, der ikke kan gemmes. Skriv den igen uden dem.
report-error-no-child-welfare = Kommunen har ikke registreret en afdeling for børn og familie. Kontakt administrator, og underret på anden måde i mellemtiden.
report-error-receiver = Vælg, hvilken afdeling for børn og familie underretningen skal til.
report-error-concern = Bekymringen, som underretningen henviser til, gælder ikke dette barn.
report-error-acknowledged = Modtagelsen er allerede bekræftet.
report-error-reviewed = Underretningen er allerede gennemgået.
report-error-outcome = Vælg resultatet af gennemgangen.

# Reminders on "my follow-up".
notice-report-received = Ny underretning om { $child }
notice-report-acknowledged = Kommunen har bekræftet modtagelsen af din underretning om { $child }
notice-report-reviewed = Kommunen har gennemgået din underretning om { $child }
notice-report-overdue = Underretningen om { $child } er ikke gennemgået inden fristen

# The form.
report-new-title = Underretning til kommunen
report-about = Gælder
report-back-to-child = Tilbage til barnet
report-duty-heading = Før du skriver
report-duty-text = Når du har grund til at tro, at et barn har det som beskrevet nedenfor, har du pligt til at underrette. Du behøver ikke være sikker; det er nok, at det er mere end en vag mistanke.
report-duty-consent = Underretningspligten går forud for tavshedspligten. Du behøver ikke samtykke fra forældrene eller barnet.
report-duty-logged = At du sender underretningen, og at du har set barnets oplysninger for at skrive den, registreres i adgangsloggen.
report-duty-parents = Forældrene kan senere få adgang til at læse underretningen. Skriv sagligt og konkret.
report-consult = Er du i tvivl om, hvorvidt du skal underrette? Du kan drøfte situationen anonymt med kommunen først:
report-from-concern = Underretningen knyttes til den bekymring, hvor det blev besluttet at underrette.
report-grounds = Hvad drejer bekymringen sig om?
report-grounds-hint = Sæt kryds ved det, der passer. Bogstavet henviser til grundlaget i loven.
report-text = Hvad har du set eller hørt?
report-text-hint = Skriv, hvad du selv har set og hørt, hvornår det var, og hvad andre har fortalt dig. Skeln mellem det, du har observeret, og det, du tolker.
report-receiver = Sendes til
report-send = Send underretningen

# The receipt and child welfare's view.
report-receipt-title = Kvittering for underretning
report-title = Underretning
report-reference = Referencenummer
report-child = Barnet
report-sent-at = Sendt
report-to = Sendt til
report-from = Sendt af
report-grounds-chosen = Grundlag
report-text-heading = Det, der er set eller hørt
report-status = Status
report-status-waiting = Kommunen har endnu ikke bekræftet modtagelsen.
report-status-acknowledged = Kommunen bekræftede modtagelsen { $date }.
report-status-reviewed = Kommunen gennemgik underretningen { $date }: { $outcome }.
report-receipt-private = Kommunens egne notater om sagen vises ikke på kvitteringen.
report-done-sent = Underretningen er sendt. Gem referencenummeret. Underretningen skal gennemgås inden for en uge.
report-done-acknowledged = Modtagelsen er bekræftet. Den, der underrettede, ser det på sin kvittering.
report-done-reviewed = Gennemgangen er gemt.
report-deadline = Frist for gennemgang
report-clock-left = { $days ->
    [one] 1 dag tilbage af fristen for gennemgang
   *[other] { $days } dage tilbage af fristen for gennemgang
}
report-clock-overdue = { $days ->
    [one] Over fristen: skulle have været gennemgået for 1 dag siden
   *[other] Over fristen: skulle have været gennemgået for { $days } dage siden
}
report-acknowledged-by = Modtagelse bekræftet af
report-reviewed-by = Gennemgået af
report-note-heading = Kommunens notat
report-acknowledge-heading = Bekræft modtagelse
report-acknowledge-intro = Den, der underrettede, får besked om, at underretningen er modtaget.
report-acknowledge = Bekræft, at underretningen er modtaget
report-review-heading = Gennemgang
report-review-intro = Underretningen skal gennemgås senest inden for en uge, og det skal afgøres, om der indledes en undersøgelse. Den, der underrettede, ser resultatet, men ikke notatet.
report-outcome = Resultat
report-note = Notat (kun for afdelingen for børn og familie)
report-review-submit = Gem gennemgangen

# The list.
report-list-title = Underretninger
report-list-intro = En ny underretning skriver du fra barnets side.
report-queue = Underretninger til kommunen
report-queue-none = Ingen underretninger til kommunen.
report-sent = Underretninger, du har sendt
report-sent-none = Du har ikke sendt nogen underretning.
report-col-reference = Reference
report-col-child = Barn
report-col-sent = Sendt
report-col-status = Status
report-col-deadline = Frist
report-state-waiting = Venter på bekræftelse
report-state-acknowledged = Modtaget
report-state-reviewed = Gennemgået

# Links from the child's page and the concern.
case-report = Send underretning til kommunen
concern-report-write = Skriv underretningen

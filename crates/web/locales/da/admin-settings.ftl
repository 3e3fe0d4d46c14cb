# The municipality's own numbers.
admin-settings = Kommunens indstillinger
admin-settings-intro = Frister og andre tal, der gælder for hele kommunen.
admin-done-setting = Indstillingen er gemt.
setting-concern-days = Dage fra en undren til beslutningen om videre opfølgning
setting-range = Fra { $min } til { $max }. Standard er { $default }.
setting-error-range = Tallet ligger uden for det tilladte.
setting-consent-age = Alder hvor unge giver samtykke selv
setting-consent-age-health = Alder hvor unge giver samtykke selv til deling af helbredsoplysninger
setting-consent-one-guardian = Én forælder kan samtykke alene ved fælles forældremyndighed (1 = ja, 0 = nej: alle med forældremyndighed samtykker)
setting-emergency-minutes = Minutter en nødadgang varer

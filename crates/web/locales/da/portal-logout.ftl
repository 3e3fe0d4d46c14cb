portal-logout-title = Du er logget ud
portal-logout-done = Du er logget ud her og i ID-porten.
portal-logout-local-only = Du er logget ud her. Vi kunne ikke logge dig ud i ID-porten. Luk browseren for at være sikker.
portal-logout-unconfirmed = Du er logget ud her. Vi ved ikke, om du er logget ud i ID-porten. Luk browseren for at være sikker.
portal-logout-again = Log ind igen
portal-logout-leaving = Vi logger dig ud af ID-porten
portal-logout-go-on = Gå videre til ID-porten

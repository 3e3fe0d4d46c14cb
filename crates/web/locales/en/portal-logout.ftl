portal-logout-title = You are signed out
portal-logout-done = You are signed out here and at ID-porten.
portal-logout-local-only = You are signed out here. We could not sign you out of ID-porten. Close the browser to be safe.
portal-logout-unconfirmed = You are signed out here. We do not know if you are signed out of ID-porten. Close the browser to be safe.
portal-logout-again = Sign in again
portal-logout-leaving = We are signing you out of ID-porten
portal-logout-go-on = Go on to ID-porten

app_name = "ipus"

urlpatterns = []
